/** Telegram Desktop JSON exports (result.json). */
export { telegramParser, sniffTelegram } from './parser.js';
