// Wire types of the network endpoints (see ../wire.ts).
export {};
