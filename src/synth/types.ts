/** Options, truth and streaming types of the synthetic case generator. */
import type { EntityType } from '../model/entities.js';
import type { OrgNetworkTruth } from './network.js';

export type { ComponentFigures, OrgNetworkTruth } from './network.js';

export interface SynthOptions {
  /** Number of message records to write (exact). */
  messages: number;
  /** Seed: the same seed and options give byte-identical output. */
  seed: number;
  /** First day (UTC, `YYYY-MM-DD`). Default 2020-03-01. */
  start?: string;
  /** Day after the last day (UTC, `YYYY-MM-DD`). Default 2021-03-09 (the Sky ECC takedown). */
  end?: string;
  /** Share of messages sent by the organisation (the rest is background traffic). Default 0.12. */
  orgShare?: number;
  /** Calls per message (calls are written in addition to the messages). Default 0.1. */
  callRatio?: number;
}

export type ResolvedSynthOptions = Required<SynthOptions>;

export const DEFAULT_SYNTH_OPTIONS: Omit<ResolvedSynthOptions, 'messages' | 'seed'> = {
  start: '2020-03-01',
  end: '2021-03-09',
  orgShare: 0.12,
  callRatio: 0.1,
};

export type Role =
  | 'leader'
  | 'lieutenant'
  | 'courier'
  | 'supplier'
  | 'logistics'
  | 'port_insider'
  | 'launderer'
  | 'buyer'
  | 'enforcer'
  | 'background';

export interface TruthHandle {
  ref: string;
  /** ISO 8601 UTC: first and last moment the handle may be used. */
  from: string;
  to: string;
  imei?: string;
}

export interface TruthPerson {
  id: string;
  name: string;
  nickname?: string;
  name_variants: string[];
  role: Role;
  group: string;
  country: string;
  city?: string;
  language: string;
  time_zone: string;
  handles: TruthHandle[];
}

export interface TruthGroup {
  id: string;
  kind: 'organisation' | 'cell' | 'background';
  name: string;
  members: string[];
}

export interface TruthRotation {
  person: string;
  old: string;
  new: string;
  old_last: string;
  new_first: string;
  gap_hours: number;
  same_device: boolean;
}

export interface TruthDecoy {
  a: string;
  b: string;
  reason: 'shared_contacts' | 'succession' | 'same_name';
}

export interface TruthShipment {
  id: string;
  route: string[];
  origin_country: string;
  containers: string[];
  vessel: { name: string; imo: string };
  quantity_kg: number;
  price_eur_per_kg: number;
  outcome: 'delivered' | 'seized';
  dates: { planning: string; booked: string; departed: string; transit?: string; arrived: string; closed: string };
  participants: Record<string, string>;
}

export interface TruthConversation {
  ref: string;
  group: string;
  title: string;
  from: string;
  to: string;
  members: string[];
}

export interface SynthTruth {
  generator: { name: 'clew-synth'; version: 1; params: ResolvedSynthOptions };
  period: { start: string; end: string };
  organisation: { id: string; name: string };
  leaders: string[];
  /**
   * The organisation's contact network as designed (persons, undirected), and what arresting
   * the leaders does to it. truth.json also ends with `observed_organisation_network`: the same
   * figures for the contacts the written traffic actually used (messages, calls, group messages
   * sender → members), which is what clew can see — see `SynthCase.observedNetwork`.
   */
  organisation_network: OrgNetworkTruth;
  persons: TruthPerson[];
  groups: TruthGroup[];
  handles: Record<string, string>;
  rotations: TruthRotation[];
  decoys: TruthDecoy[];
  shipments: TruthShipment[];
  code_words: { word: string; language: string; meaning: string; forms: string[] }[];
  /** Wallets and IBANs the organisation's messages use (every planted iban/crypto value is one of these). */
  money_accounts: { wallets: string[]; ibans: string[] };
  conversations: TruthConversation[];
}

export interface PlantedEntity {
  type: EntityType;
  raw: string;
  /** UTF-16 offsets into the body, [start, end). */
  start: number;
  end: number;
  value: string;
}

export interface PlantedEntry {
  message: string;
  /** The message belongs to the organisation's traffic (false: background, incl. hard negatives). */
  org: boolean;
  shipment?: string;
  topic: string;
  entities: PlantedEntity[];
  /** Set when the message announces a new handle. */
  announces?: { person: string; old: string; new: string };
}

export interface SynthChunk {
  /** UTF-8 JSONL, whole lines, each ending in `\n`. */
  data: Buffer;
  records: number;
  messages: number;
}

export interface SynthStats {
  records: number;
  messages: number;
  calls: number;
  accounts: number;
  contacts: number;
  devices: number;
  conversations: number;
  attachments: number;
  locations: number;
  planted_messages: number;
  persons: number;
  org_persons: number;
}
