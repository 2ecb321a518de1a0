/**
 * Locale tables for WhatsApp exports: system-message patterns, media placeholders, deleted and
 * edited markers, and the word for "you". Written from the wording of WhatsApp's Android and
 * iOS exports in English, Dutch, French, German, Spanish, Serbian (Latin and Cyrillic) and
 * Arabic. WhatsApp changes this wording between versions: each pattern is anchored and
 * tolerant (he/she forms, Android/iOS variants); an unrecognised system line still becomes an
 * `other` event, never a message.
 *
 * Patterns are matched against a system text with direction marks removed and at most
 * SYSTEM_MAX characters long, so even the lazy groups below run in bounded time.
 * Named groups: `a` actor, `s` subject(s), `t` new title.
 */
import type { EventKind } from '../../../model/records.js';
import { DELETED_TEXTS, MEDIA_OMITTED_ANDROID, MEDIA_OMITTED_IOS_ALL } from './notices.js';

export const SYSTEM_MAX = 600;

export interface SystemPattern {
  kind: EventKind;
  re: RegExp;
  /** Marks a group creation (reported as `other`, with the title in the text). */
  created?: boolean;
}

export interface Locale {
  id: string;
  /** Word joining the last two names of a list ("A, B and C"). */
  and: string;
  patterns: SystemPattern[];
}

const Q = '["“”«»„‟]';
/** End of a sentence: nothing, or a non-letter followed by anything (Unicode-aware, unlike \\b). */
const END = '(?:[^\\p{L}\\p{N}].*)?$';
const PHONE = '(?<s>\\+[\\d\\s()\\-]{6,24})';

function p(kind: EventKind, src: string, created = false): SystemPattern {
  return created ? { kind, re: new RegExp(src, 'u'), created } : { kind, re: new RegExp(src, 'u') };
}

export const LOCALES: Locale[] = [
  {
    id: 'en',
    and: 'and',
    patterns: [
      p('other', `^Messages and calls are end-to-end encrypted${END}`),
      p('other', `^Messages to this group are now secured with end-to-end encryption${END}`),
      p('joined', "^(?<a>.+?) joined using (?:this|the) (?:group|community)['’]s invite link$"),
      p('joined', '^(?<a>.+?) joined(?: from the community)?$'),
      p('left', '^(?<a>.+?) left$'),
      p('number_changed', `^(?<a>.+?) changed to ${PHONE}$`),
      p('number_changed', `^(?<a>.+?) changed their phone number${END}`),
      p('security_code_changed', `^Your security code with (?<s>.+?) changed${END}`),
      p('other', `^(?<a>.+?) created (?:group|this group) ${Q}(?<t>.*)${Q}$`, true),
      p('title_changed', `^(?<a>.+?) changed the (?:subject|group name) from ${Q}.*${Q} to ${Q}(?<t>.*)${Q}$`),
      p('title_changed', `^(?<a>.+?) changed the (?:subject|group name) to ${Q}(?<t>.*)${Q}$`),
      p('other', "^(?<a>.+?) changed this group['’]s icon$"),
      p('call_missed', `^Missed (?:voice|video|group voice|group video) call${END}`),
      p('added', '^(?<a>.+?) added (?<s>.+)$'),
      p('removed', '^(?<a>.+?) removed (?<s>.+)$'),
    ],
  },
  {
    id: 'nl',
    and: 'en',
    patterns: [
      p('other', `^Berichten en (?:oproepen|gesprekken) worden end-to-end versleuteld${END}`),
      p('joined', '^(?<a>.+?) (?:neemt deel|is lid geworden) via de uitnodigingslink van deze groep$'),
      p('left', '^(?<a>.+?) (?:heeft de groep verlaten|is vertrokken)$'),
      p('number_changed', `^(?<a>.+?) is gewijzigd (?:naar|in) ${PHONE}$`),
      p('number_changed', `^(?<a>.+?) heeft (?:zijn|haar|het) telefoonnummer gewijzigd${END}`),
      p('security_code_changed', `^(?:Je|Jouw|Uw) beveiligingscode met (?<s>.+?) is gewijzigd${END}`),
      p('other', `^(?<a>.+?) (?:heeft|hebt) (?:de )?groep ${Q}(?<t>.*)${Q} aangemaakt$`, true),
      p('title_changed', `^(?<a>.+?) (?:heeft|hebt) (?:het onderwerp|de groepsnaam) gewijzigd (?:van ${Q}.*${Q} )?(?:in|naar) ${Q}(?<t>.*)${Q}$`),
      p('added', '^(?<a>.+?) (?:heeft|hebt) (?<s>.+) toegevoegd$'),
      p('removed', '^(?<a>.+?) (?:heeft|hebt) (?<s>.+) verwijderd$'),
    ],
  },
  {
    id: 'fr',
    and: 'et',
    patterns: [
      p('other', `^Les messages et les appels sont chiffrés de bout en bout${END}`),
      p('joined', "^(?<a>.+?) a rejoint (?:ce|le) groupe (?:via|avec|en utilisant) le lien d['’]invitation.*$"),
      p('joined', "^(?<a>.+?) s['’]est joint(?:e|\\(e\\))? .*lien d['’]invitation.*$"),
      p('left', '^(?<a>.+?) (?:est parti(?:e|\\(e\\))?|a quitté le groupe)$'),
      p('number_changed', `^(?<a>.+?) a changé de numéro pour ${PHONE}$`),
      p('number_changed', `^(?<a>.+?) a changé (?:son|de) numéro${END}`),
      p('security_code_changed', `^Votre code de sécurité avec (?<s>.+?) a changé${END}`),
      p('other', `^(?<a>.+?) (?:a|avez) créé (?:le )?groupe ${Q}(?<t>.*)${Q}$`, true),
      p('title_changed', `^(?<a>.+?) (?:a|avez) (?:modifié|changé) (?:le sujet|le nom du groupe)(?: de ${Q}.*${Q})? (?:en|à|pour) ${Q}(?<t>.*)${Q}$`),
      p('added', '^(?<a>.+?) (?:a|avez) ajouté (?<s>.+)$'),
      p('removed', '^(?<a>.+?) (?:a|avez) retiré (?<s>.+)$'),
    ],
  },
  {
    id: 'de',
    and: 'und',
    patterns: [
      p('other', `^Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt${END}`),
      p('joined', '^(?<a>.+?) ist über den Einladungslink dieser Gruppe beigetreten$'),
      p('joined', '^(?<a>.+?) ist beigetreten$'),
      p('left', '^(?<a>.+?) (?:hat die Gruppe verlassen|ist ausgetreten)$'),
      p('number_changed', `^(?<a>.+?) hat zu ${PHONE} gewechselt$`),
      p('number_changed', `^(?<a>.+?) hat (?:seine|ihre|die) Telefonnummer\\b.*gewechselt${END}`),
      p('security_code_changed', `^(?:Deine|Ihre) Sicherheitsnummer für (?<s>.+?) hat sich geändert${END}`),
      p('other', `^(?<a>.+?) (?:hat|hast) (?:die )?Gruppe ${Q}(?<t>.*)${Q} erstellt$`, true),
      p('title_changed', `^(?<a>.+?) (?:hat|hast) den (?:Betreff|Gruppennamen)(?: von ${Q}.*${Q})? (?:zu|in) ${Q}(?<t>.*)${Q} geändert$`),
      p('added', '^(?<a>.+?) (?:hat|hast) (?<s>.+) hinzugefügt$'),
      p('removed', '^(?<a>.+?) (?:hat|hast) (?<s>.+) entfernt$'),
    ],
  },
  {
    id: 'es',
    and: 'y',
    patterns: [
      p('other', `^Los mensajes y las llamadas están cifrados de extremo a extremo${END}`),
      p('joined', '^(?<a>.+?) se unió (?:usando|mediante|con) el enlace de invitación de este grupo$'),
      p('left', '^(?<a>.+?) salió(?: del grupo)?$'),
      p('number_changed', `^(?<a>.+?) cambió (?:su número )?a ${PHONE}$`),
      p('number_changed', `^(?<a>.+?) cambió su número de teléfono${END}`),
      p('security_code_changed', `^Tu código de seguridad con (?<s>.+?) cambió${END}`),
      p('other', `^(?<a>.+?) (?:creó|creaste) el grupo ${Q}(?<t>.*)${Q}$`, true),
      p('title_changed', `^(?<a>.+?) (?:cambió|cambiaste) (?:el asunto|el nombre del grupo)(?: de ${Q}.*${Q})? a ${Q}(?<t>.*)${Q}$`),
      p('added', '^(?<a>.+?) (?:añadió|agregó|añadiste|agregaste) a (?<s>.+)$'),
      p('removed', '^(?<a>.+?) (?:eliminó|eliminaste) a (?<s>.+)$'),
    ],
  },
  {
    id: 'sr-Latn',
    and: 'i',
    patterns: [
      p('other', `^Poruke i pozivi su (?:sveobuhvatno|end-to-end) šifrovani${END}`),
      p('joined', '^(?<a>.+?) se pridruži(?:o|la) (?:preko|pomoću) (?:linka|veze) za poziv.*$'),
      p('left', '^(?<a>.+?) je (?:napustio|napustila|izašao|izašla)(?: iz)?(?: grupu| grupe)?$'),
      p('number_changed', `^(?<a>.+?) je promeni(?:o|la) broj u ${PHONE}$`),
      p('number_changed', `^(?<a>.+?) je promeni(?:o|la) broj telefona${END}`),
      p('security_code_changed', `^Vaš (?:bezbednosni|sigurnosni) kod sa (?<s>.+?) je promenjen${END}`),
      p('other', `^(?<a>.+?) (?:je kreirao|je kreirala|je napravio|je napravila|ste kreirali) grupu ${Q}(?<t>.*)${Q}$`, true),
      p('title_changed', `^(?<a>.+?) (?:je promenio|je promenila|ste promenili) (?:temu|naziv grupe)(?: iz ${Q}.*${Q})? u ${Q}(?<t>.*)${Q}$`),
      p('added', '^(?<a>.+?) (?:je dodao|je dodala|ste dodali) (?<s>.+)$'),
      p('removed', '^(?<a>.+?) (?:je uklonio|je uklonila|ste uklonili) (?<s>.+)$'),
    ],
  },
  {
    id: 'sr-Cyrl',
    and: 'и',
    patterns: [
      p('other', '^Поруке и позиви су (?:свеобухватно|end-to-end) шифровани.*$'),
      p('joined', '^(?<a>.+?) се придружи(?:о|ла) (?:преко|помоћу) (?:линка|везе) за позив.*$'),
      p('left', '^(?<a>.+?) је (?:напустио|напустила|изашао|изашла)(?: из)?(?: групу| групе)?$'),
      p('number_changed', `^(?<a>.+?) је промени(?:о|ла) број у ${PHONE}$`),
      p('number_changed', '^(?<a>.+?) је промени(?:о|ла) број телефона.*$'),
      p('security_code_changed', '^Ваш (?:безбедносни|сигурносни) код са (?<s>.+?) је промењен.*$'),
      p('other', `^(?<a>.+?) (?:је креирао|је креирала|је направио|је направила|сте креирали) групу ${Q}(?<t>.*)${Q}$`, true),
      p('title_changed', `^(?<a>.+?) (?:је променио|је променила|сте променили) (?:тему|назив групе)(?: из ${Q}.*${Q})? у ${Q}(?<t>.*)${Q}$`),
      p('added', '^(?<a>.+?) (?:је додао|је додала|сте додали) (?<s>.+)$'),
      p('removed', '^(?<a>.+?) (?:је уклонио|је уклонила|сте уклонили) (?<s>.+)$'),
    ],
  },
  {
    id: 'ar',
    and: 'و',
    patterns: [
      p('other', '^الرسائل والمكالمات مشفرة.*$'),
      p('joined', '^(?<a>.+?) (?:انضم|انضمت) (?:باستخدام|عبر) رابط الدعوة.*$'),
      p('left', '^(?<a>.+?) (?:غادر|غادرت)$'),
      p('number_changed', `^(?<a>.+?) (?:غيّر|غير|غيّرت|غيرت) (?:رقمه |رقمها )?إلى ${PHONE}$`),
      p('number_changed', '^(?<a>.+?) (?:غيّر|غير|غيّرت|غيرت) رقم (?:هاتفه|هاتفها).*$'),
      p('security_code_changed', '^(?:تم تغيير|تغيّر|تغير) رمز الأمان (?:الخاص بك )?(?:مع|بينك وبين) (?<s>[^.]+?)(?:\\..*)?$'),
      p('other', `^(?<a>.+?) (?:أنشأ|أنشأت) (?:المجموعة|مجموعة) ${Q}(?<t>.*)${Q}$`, true),
      p('title_changed', `^(?<a>.+?) (?:غيّر|غير|غيّرت|غيرت) (?:الموضوع|اسم المجموعة)(?: من ${Q}.*${Q})? إلى ${Q}(?<t>.*)${Q}$`),
      p('added', '^(?<a>.+?) (?:أضاف|أضافت|أضفت) (?<s>.+)$'),
      p('removed', '^(?<a>.+?) (?:أزال|أزالت|أزلت) (?<s>.+)$'),
    ],
  },
];

/** "You" as the actor of a system message: the exporting user, whose account the export does not name. */
export const YOU = new Set([
  'You', 'you', 'Je', 'Jij', 'U', 'Vous', 'Du', 'Sie', 'Tú', 'Usted', 'Ti', 'Vi', 'Ти', 'Ви', 'أنت',
]);

/** "You" as the object of a system message ("X added you"). */
export const YOU_OBJECT = new Set(['you', 'You', 'je', 'jou', 'u', 'vous', 'dich', 'Sie', 'te', 'ti', 'vas', 'те', 'вас', 'ك', 'إياك']);

/** Android placeholders for media left out of the export. */
export const MEDIA_OMITTED = new Set([
  '<Media omitted>',
  '<Media weggelaten>',
  '<Médias omis>',
  '<Medien ausgeschlossen>',
  '<Multimedia omitido>',
  '<Medijski sadržaj je izostavljen>',
  '<Медијски садржај је изостављен>',
  '<تم استبعاد الوسائط>',
  ...MEDIA_OMITTED_ANDROID,
]);

/** iOS placeholders for media left out of the export, with the kind of media. */
export const MEDIA_OMITTED_IOS: ReadonlyMap<string, string> = new Map([
  ['image omitted', 'image'], ['video omitted', 'video'], ['audio omitted', 'audio'], ['sticker omitted', 'sticker'],
  ['GIF omitted', 'gif'], ['document omitted', 'document'], ['Contact card omitted', 'contact'],
  ['afbeelding weggelaten', 'image'], ['video weggelaten', 'video'], ['audio weggelaten', 'audio'], ['sticker weggelaten', 'sticker'],
  ['image absente', 'image'], ['vidéo absente', 'video'], ['audio omis', 'audio'], ['autocollant omis', 'sticker'],
  ['Bild weggelassen', 'image'], ['Video weggelassen', 'video'], ['Audio weggelassen', 'audio'], ['Sticker weggelassen', 'sticker'],
  ['imagen omitida', 'image'], ['video omitido', 'video'], ['audio omitido', 'audio'], ['sticker omitido', 'sticker'],
  ['slika izostavljena', 'image'], ['video izostavljen', 'video'], ['audio izostavljen', 'audio'],
  ['слика изостављена', 'image'], ['видео изостављен', 'video'], ['аудио изостављен', 'audio'],
  ['تم استبعاد الصورة', 'image'], ['تم استبعاد الفيديو', 'video'], ['تم استبعاد الصوت', 'audio'],
  ...MEDIA_OMITTED_IOS_ALL,
]);

/** Android suffix after an exported media file name: `IMG-…jpg (file attached)`. */
export const FILE_ATTACHED = [
  'file attached', 'bestand bijgevoegd', 'fichier joint', 'Datei angehängt', 'archivo adjunto',
  'fajl je priložen', 'фајл је приложен', 'ملف مرفق',
];

/** Whole-body texts of deleted messages. */
export const DELETED = new Set([
  'This message was deleted', 'You deleted this message',
  'Dit bericht is verwijderd', 'Je hebt dit bericht verwijderd', 'U hebt dit bericht verwijderd',
  'Ce message a été supprimé', 'Vous avez supprimé ce message',
  'Diese Nachricht wurde gelöscht', 'Du hast diese Nachricht gelöscht',
  'Se eliminó este mensaje', 'Eliminaste este mensaje', 'Este mensaje fue eliminado',
  'Ova poruka je izbrisana', 'Izbrisali ste ovu poruku',
  'Ова порука је избрисана', 'Избрисали сте ову поруку',
  'تم حذف هذه الرسالة', 'لقد حذفت هذه الرسالة',
  ...DELETED_TEXTS,
]);

/** Suffixes that mark an edited message. */
export const EDITED = [
  '<This message was edited>', '<Dit bericht is bewerkt>', '<Ce message a été modifié>',
  '<Diese Nachricht wurde bearbeitet>', '<Se editó este mensaje.>', '<Poruka je izmenjena>',
  '<Порука је измењена>', '<تم تعديل هذه الرسالة>',
];
