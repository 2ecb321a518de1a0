/** A local PostgreSQL for cases (`clew db start|stop`): see src/store/postgres/embedded.ts. */
export { type EmbeddedServer, startEmbedded as startLocalDb, stopEmbedded as stopLocalDb } from '../store/postgres/embedded.js';
