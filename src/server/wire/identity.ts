// Wire types of the identity endpoints (see ../wire.ts).
export {};
