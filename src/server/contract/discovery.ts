/**
 * Cross-case discovery (docs/team.md): the case route that says which other cases, that the user
 * may not read, hold the selectors a view shows (their names and owners only), and the team
 * server's notifications to those owners (GET /api/notifications, POST /api/notifications/seen:
 * fixed points of `clew server`, not case routes). Case names, user names, agencies and selectors
 * are other people's text: render them as text only.
 */
import { z } from 'zod';
import { DISCOVERY_KEYS_PER_CALL, MAX_DISCOVERY_ACCOUNTS } from '../../api/discovery.js';
import { MAX_REF_CHARS } from '../../api/dossier.js';
import { endpoint } from '../endpoint.js';
import { int } from './common.js';

const owner = z.strictObject({ name: z.string(), agency: z.string().nullable() });

/** Another case holding a selector: its name and owners, nothing else. */
export const discoveryHit = z.strictObject({ selector: z.string(), inputs: z.array(z.string()), case: z.string(), owners: z.array(owner) });

export const discovery = endpoint({
  method: 'POST',
  path: '/discovery',
  summary:
    'Other cases that hold these selectors and that you may not read: each one\'s name and owners, nothing else (team server; their owners are told who looked). Selectors as a watchlist reads them (phone, e-mail, IBAN, wallet, PIN or handle); accounts by handle or reference',
  body: z.strictObject({
    selectors: z.array(z.string().min(1).max(600)).max(DISCOVERY_KEYS_PER_CALL).optional(),
    accounts: z.array(z.string().min(1).max(MAX_REF_CHARS)).max(MAX_DISCOVERY_ACCOUNTS).optional(),
  }),
  response: z.strictObject({
    /** False where there is no discovery (clew serve). */
    available: z.boolean(),
    hits: z.array(discoveryHit),
    refused: z.array(z.strictObject({ selector: z.string(), reason: z.string() })),
  }),
});

/** GET /api/notifications (team server): the signed-in user's newest notifications. */
export const notificationsQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).optional() });

export const notification = z.strictObject({
  id: int,
  at: int,
  kind: z.literal('discovery'),
  /** Who looked (that is the point: the owner gets in touch). */
  looker: owner,
  /** The case they looked from. */
  fromCase: z.string().nullable(),
  /** The owner's case that holds the selector. */
  case: z.string(),
  selector: z.string(),
  seenAt: int.nullable(),
});

export const notificationsResponse = z.strictObject({ notifications: z.array(notification), unseen: z.number().int().nonnegative() });
export type NotificationsResponse = z.output<typeof notificationsResponse>;
export type WireNotification = z.output<typeof notification>;

/** POST /api/notifications/seen: every notification up to this id is seen. */
export const notificationsSeenBody = z.strictObject({ upTo: int.min(0) });

export const notifications = endpoint({
  method: 'GET',
  path: '/notifications',
  server: true,
  summary: "The signed-in user's newest notifications (team server): who looked, from which case, for a selector a case of theirs holds",
  query: notificationsQuery,
  response: notificationsResponse,
});

export const notificationsSeen = endpoint({
  method: 'POST',
  path: '/notifications/seen',
  server: true,
  summary: 'Mark every notification up to this id seen (team server)',
  body: notificationsSeenBody,
  response: z.strictObject({ seen: z.boolean() }),
});
