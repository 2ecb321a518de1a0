/**
 * The endpoints of text recognition in image attachments (issue 23 part 3): the case's OCR state (whether
 * Tesseract is installed, how many images are read, the running or last job) and a request to read them
 * (again). The workspace starts the job by itself when it opens a case with images still to read.
 */
import { z } from 'zod';
import { endpoint } from '../endpoint.js';
import { count, wireJob } from './common.js';

export const ocrState = z.strictObject({
  /** Tesseract is installed on the server. */
  available: z.boolean(),
  /** When it is not: why, in words (what to install). */
  unavailable: z.string().nullable(),
  /** The engine's version, when installed. */
  engine: z.strictObject({ name: z.literal('tesseract'), version: z.string() }).nullable(),
  /** Image attachments whose bytes the case holds, and how many have a stored result. */
  images: count,
  done: count,
  /** The running OCR job, else the last one this server ran (null: none). */
  job: wireJob.nullable(),
});

export const ocrStatus = endpoint({
  method: 'GET',
  path: '/ocr',
  summary: 'Text recognition in the case\'s images: whether Tesseract is installed, how many images are read, the running or last job',
  response: ocrState,
});

export const ocrRun = endpoint({
  method: 'POST',
  path: '/ocr',
  summary: 'Read the case\'s images waiting for text recognition (again: every image) as a job; the running one when one runs',
  body: z.strictObject({ again: z.boolean().optional() }),
  response: ocrState,
});
