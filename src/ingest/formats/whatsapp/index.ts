/** WhatsApp chat exports: the parser, and the first-pass analysis for warnings. */
export { whatsappParser, inspectWhatsApp, sniffWhatsApp } from './parser.js';
export { analyseWhatsApp, type WhatsAppAnalysis } from './analyse.js';
