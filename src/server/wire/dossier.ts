// Wire types of the dossier endpoints (see ../wire.ts).
export {};
