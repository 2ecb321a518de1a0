// Wire types of the timeline endpoints (see ../wire.ts).
export {};
