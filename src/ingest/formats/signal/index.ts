/** Signal Desktop chats exported by signal-export (data.json). */
export { signalParser, sniffSignal } from './parser.js';
