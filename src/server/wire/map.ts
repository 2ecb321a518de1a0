// Wire types of the map endpoints (see ../wire.ts).
export {};
