// Wire types of the jobs endpoints (see ../wire.ts).
export {};
