/**
 * The HTTP API's contract: every endpoint under /api (paths relative to it), declared once with
 * zod in contract/<view>.ts. The routes attach their handlers to these (routes/<view>.ts,
 * route.ts defineRoute; the server's fixed points, contract/session.ts, in server.ts), the web
 * client types its calls from CONTRACT (type imports only), openapi.ts generates the OpenAPI
 * document from it, and the route tests hold every answer to it.
 */
import * as audit from './contract/audit.js';
import * as caseApi from './contract/case.js';
import * as discoveryApi from './contract/discovery.js';
import { contractOf } from './endpoint.js';
import * as exportApi from './contract/export.js';
import * as galleryApi from './contract/gallery.js';
import * as legal from './contract/legal.js';
import * as net from './contract/network.js';
import * as ocr from './contract/ocr.js';
import * as report from './contract/report.js';
import * as sessionApi from './contract/session.js';
import * as timeline from './contract/timeline.js';
import * as v from './contract/views.js';

export const CONTRACT = contractOf(
  sessionApi.session,
  sessionApi.signIn,
  sessionApi.signOut,
  sessionApi.cases,
  caseApi.stats,
  caseApi.search,
  caseApi.languages,
  caseApi.message,
  caseApi.thread,
  caseApi.quarantine,
  caseApi.entities,
  caseApi.keyPlayers,
  caseApi.generation,
  net.network,
  net.networkEgo,
  net.networkPath,
  net.scopedRank,
  net.scopedKeyPlayers,
  net.scopedCommunities,
  net.scopedWindows,
  net.scopedDisrupt,
  exportApi.networkExport,
  exportApi.csvSearch,
  exportApi.csvContacts,
  exportApi.csvTimeline,
  exportApi.csvEntities,
  exportApi.csvQuarantine,
  timeline.activity,
  timeline.activityHeat,
  timeline.activityGroups,
  timeline.disrupt,
  v.places,
  v.routes,
  v.dossierIndex,
  v.dossier,
  v.identitySuggestions,
  v.identityReview,
  v.identityPersons,
  v.identityDecide,
  v.watchOverview,
  v.watchlistAdd,
  v.watchRun,
  v.watchCsv,
  v.watchlistRemove,
  v.savedSearchSave,
  v.savedSearchRemove,
  v.annotationsGet,
  v.annotationsLookup,
  v.annotationsChange,
  v.annotationsUndo,
  v.annotationsHistory,
  v.annotationsTags,
  v.translations,
  v.translate,
  v.jobs,
  v.job,
  v.jobCancel,
  v.upload,
  ocr.ocrStatus,
  ocr.ocrRun,
  report.reportItems,
  report.reportMake,
  report.reportDownload,
  report.reportRebuild,
  galleryApi.gallery,
  galleryApi.attachmentThumbnail,
  galleryApi.attachmentOriginal,
  audit.auditEntries,
  audit.auditProof,
  discoveryApi.discovery,
  legal.legalFilters,
  legal.legalFilterAdd,
  legal.legalFilterRemove,
  legal.legalFilterGrant,
  legal.legalFilterRevoke,
  discoveryApi.notifications,
  discoveryApi.notificationsSeen,
);

export type Contract = typeof CONTRACT;
export type EndpointName = keyof Contract;
