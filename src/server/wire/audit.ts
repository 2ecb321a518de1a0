// Wire types of the Audit view's endpoints, derived from the contract (contract/audit.ts).
import type { ResponseOf } from '../endpoint.js';
import type { auditEntries, auditProof } from '../contract/audit.js';

export type AuditEntriesResponse = ResponseOf<typeof auditEntries>;
export type WireAuditEntry = AuditEntriesResponse['entries'][number];
export type WireAuditHead = NonNullable<AuditEntriesResponse['head']>;
export type AuditProofResponse = ResponseOf<typeof auditProof>;
