/**
 * WhatsApp's own notices in every language its iOS and Android apps ship: the end-to-end
 * encryption notice, security-code changes, missed voice and video calls, deleted-message and
 * media-omitted placeholders. Current wording and the older one (exports keep what the app wrote
 * at the time), each tagged with its language (BCP 47).
 *
 * Source of the wording: WhatsApp's iOS `Localizable.strings` and Android `strings.xml` as
 * collected by the open-source parser whats_json (github.com/starkdmi/whats_json,
 * lib/src/patterns.dart; keys `_i3PG`/`settings_security_info`, `G)W)p`+`7<vSf`,
 * `missed_voice_call`, `video_missed_call`, `revoked_msg_incoming`/`revoked_msg_outgoing`,
 * `export_media_omitted`, `n*sq0`, `I4|vp`, `a86Wu`, `2K_mB`, `~.KLq`, `Sk+0p`, `StaLC`).
 * Reorganised here per language; the texts are WhatsApp's.
 *
 * Matching is on text with direction marks and zero-width joiners removed (Persian exports
 * differ in ZWNJ use), so a table entry never needs them.
 */
import type { EventKind } from '../../../model/records.js';

/** Remove zero-width (non-)joiners: the tables are written without them. */
export function dropJoiners(s: string): string {
  return s.indexOf('\u200c') < 0 && s.indexOf('\u200d') < 0 ? s : s.replace(/[\u200c\u200d]/g, '');
}

/** Encryption notice: the first sentence, per language (the rest varies: "Tap to learn more"…). */
export const ENCRYPTION: ReadonlyArray<readonly [lang: string, prefix: string]> = [
  ['en', 'Messages and calls are end-to-end encrypted'],
  ['en', 'Messages to this chat and calls are now secured with end-to-end encryption'],
  ['af', 'Jou boodskappe en oproepe word beveilig met end-tot-end enkripsie'],
  ['ar', 'الرسائل والمكالمات مشفرة'],
  ['ar', 'إن الرسائل التي ترسلها والمكالمات التي تجريها ضمن واتساب محمية'],
  ['az', 'Sizin göndərdiyiniz ismarıclar və zənglərinizin bir başdan digərinə qədər şifrələnir'],
  ['bg', 'Съобщенията и обажданията ви са подсигурени с криптиране от край до край'],
  ['bn', 'মেসেজ এবং কল এন্ড-টু-এন্ড এনক্রিপ্টেড থাকে'],
  ['bn', 'আপনার বার্তা এবং কল দুই দিক থেকে এনক্রিপশানের মাধ্যমে নিরাপদ'],
  ['ca', "Els missatges i les trucades estan xifrats d'extrem a extrem"],
  ['ca', "Els vostres missatges i trucades estan assegurades amb una encriptació d'extrem a extrem"],
  ['cs', 'Zprávy a hovory jsou opatřeny koncovým šifrováním'],
  ['cs', 'Vaše zprávy a hovory jsou zabezpečeny koncovým šifrováním'],
  ['da', 'Beskeder og opkald er end-to-end-krypterede'],
  ['da', 'Dine beskeder og opkald er sikret med kryptering'],
  ['de', 'Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt'],
  ['de', 'Deine Nachrichten und Anrufe werden automatisch mit Ende-zu-Ende-Verschlüsselung geschützt'],
  ['el', 'Τα μηνύματα και οι κλήσεις κρυπτογραφούνται πλήρως'],
  ['el', 'Τα μηνύματα και οι κλήσεις σας είναι ασφαλή με κρυπτογράφηση'],
  ['es', 'Los mensajes y las llamadas están cifrados de extremo a extremo'],
  ['es', 'Tus mensajes y llamadas ahora están protegidos con cifrado de extremo a extremo'],
  ['et', 'Sinu saadetavad sõnumid ja kõned on kaitstud otsast otsani krüpteerimisega'],
  ['fa', 'پیامها و تماسها سرتاسر رمزگذاری شدهاند'],
  ['fa', 'پیام ها و تماس های شما رمزگذاری سرتاسری شده اند'],
  ['fi', 'Viestit ja puhelut salataan täysin'],
  ['fr', 'Les messages et les appels sont chiffrés de bout en bout'],
  ['fr', 'Vos messages et vos appels sont protégés avec le chiffrement de bout en bout'],
  ['ga', 'Déantar criptiúchán ó cheann go ceann ar theachtaireachtaí agus ar ghlaonna'],
  ['gu', 'મેસેજ અને કૉલ શરૂથી અંત સુધી સુરક્ષિત છે'],
  ['gu', 'તમારા સંદેશાઓ અને કૉલ્સ શરૂઆતથી અંત સુધી ગુપ્તીકરણ દ્વારા સુરક્ષિત છે'],
  ['he', "ההודעות והשיחות מוצפנות מקצה-לקצה"],
  ['he', 'ההודעות שהנך שולח/ת והשיחות הקוליות שהנך מבצע/ת מאובטחות עם הצפנה מקצה לקצה'],
  ['hi', 'मैसेजेस और कॉल्स एंड-टू-एंड एन्क्रिप्टेड हैं'],
  ['hi', 'आपके द्वारा भेजे हुए सन्देश और कॉल्स शुरू से अंत तक एन्क्रिप्शन से सुरक्षित की जाती हैं'],
  ['hr', 'Poruke i pozivi zaštićeni su potpunom enkripcijom'],
  ['hr', 'Vaši pozivi i poruke koje pošaljete šifrirane su end-to-end metodom'],
  ['hu', 'Az üzenetek és hívások végpontok közötti titkosítással vannak védve'],
  ['hu', 'A csevegéseid és hívásaid automatikusan titkosítottak a végpontok között'],
  ['id', 'Pesan dan panggilan terenkripsi secara end-to-end'],
  ['id', 'Pesan-pesan dan panggilan Anda diamankan dengan enkripsi end-to-end'],
  ['it', 'I messaggi e le chiamate sono crittografati end-to-end'],
  ['it', 'I tuoi messaggi e le tue chiamate sono protetti con la crittografia end-to-end'],
  ['ja', 'メッセージと通話はエンドツーエンド暗号化されています'],
  ['ja', 'メッセージと通話は、エンドツーエンドの暗号化によって保護されています'],
  ['kk', 'Сіздің хаттарыңыз және қоңырауларыңыз толығымен шифрлау арқылы қауіпсіз етілді'],
  ['kn', 'ನಿಮ್ಮ ಸಂದೇಶಗಳು ಮತ್ತು ಕರೆಗಳು ಕೊನೆಯಿಂದ-ಕೊನೆವರೆಗೆ ಎನ್ಕ್ರಿಪ್ಷನ್ ನಿಂದ ಭದ್ರಪಡಿಸಲ್ಪಟ್ಟಿವೆ'],
  ['ko', '메시지 및 전화는 종단간 암호화되어 안전합니다'],
  ['ko', '메시지 및 전화는 암호화되어 안전합니다'],
  ['lt', 'Jūsų žinutės ir skambučiai yra apsaugoti ištisiniu šifravimu'],
  ['lv', 'Jūsu ziņas un zvani ir aizsargāti ar pilnīgu šifrēšanu'],
  ['mk', 'Твоите пораки и повици се обезбедени со шифрирање крај-до-крај'],
  ['ml', 'നിങ്ങളുടെ സന്ദേശങ്ങളും വിളികളും ആദ്യാവസാന എൻക്രിപ്ഷൻ വഴി സുരക്ഷിതമാണ്'],
  ['mr', 'मेसेजेस आणि कॉल्स एन्ड-टू-एन्ड एन्क्रिप्शनने सुरक्षित केलेले असतात'],
  ['mr', 'तुम्ही पाठवलेले संदेश आणि तुमचे कॉल्स संपूर्णपणे कूटबद्ध करून सुरक्षित केलेले आहेत'],
  ['ms', 'Mesej dan panggilan disulitkan hujung ke hujung'],
  ['ms', 'Mesej-mesej dan panggilan anda selamat dengan penyulitan hujung ke hujung'],
  ['nb', 'Meldinger og samtaler er ende-til-ende-krypterte'],
  ['nb', 'Dine meldinger og samtaler er sikret med kryptering fra ende til ende'],
  ['nl', 'Berichten en gesprekken worden end-to-end versleuteld'],
  ['nl', 'Berichten en oproepen worden end-to-end versleuteld'],
  ['nl', 'Uw oproepen en berichten zijn beveiligd met end-to-end encryptie'],
  ['pa', 'ਤੁਹਾਡੇ ਸੁਨੇਹੇ ਅਤੇ ਕਾਲਾਂ ਸਿਰੇ ਤੋਂ ਸਿਰੇ ਤੱਕ ਇੰਕ੍ਰਿਪਸ਼ਨ ਨਾਲ ਸੁਰੱਖਿਅਤ ਕੀਤਾ ਹੈ'],
  ['pl', 'Wiadomości i połączenia są w pełni zaszyfrowane'],
  ['pl', 'Twoje wiadomości oraz połączenia są zabezpieczone przez pełne szyfrowanie'],
  ['pt-BR', 'As mensagens e as chamadas são protegidas com a criptografia de ponta a ponta'],
  ['pt-BR', 'Suas chamadas e mensagens estão seguras com criptografia de ponta-a-ponta'],
  ['pt-PT', 'As mensagens e chamadas são encriptadas ponto a ponto'],
  ['pt-PT', 'Quando é possível, as mensagens que enviar e as chamadas que efetuar são completamente encriptadas'],
  ['ro', 'Mesajele și apelurile sunt criptate integral'],
  ['ro', 'Mesajele dvs. și apelurile sunt securizate prin criptare integrală'],
  ['ru', 'Сообщения и звонки защищены сквозным шифрованием'],
  ['ru', 'Ваши сообщения и звонки защищены сквозным шифрованием'],
  ['sk', 'Správy a hovory sú zabezpečené šifrovaním počas celého spojenia'],
  ['sk', 'Vaše správy a hovory sú zabezpečené šifrovaním počas celého spojenia'],
  ['sl', 'Vaša sporočila in klici so zavarovani s šifriranjem od konca do konca'],
  ['sq', 'Mesazhet dhe thirrjet tuaja janë të koduara fund-e-krye'],
  ['sr-Cyrl', 'Твоје поруке и позиви су обезбеђени са шифровањем од почетка-до-краја'],
  ['sv', 'Meddelanden och samtal är komplett krypterade'],
  ['sv', 'Dina meddelanden och samtal är säkrade med komplett kryptering'],
  ['sw', 'Jumbe zako na simu unazopiga zipo salama kwa ufumbaji wa mwisho-kwa-mwisho'],
  ['ta', 'தங்கள் தகவல்களும் அழைப்புகளும் முழு மறையாக்கத்துடன் பாதுகாக்கப்படுகிறது'],
  ['te', 'మీ సందేశాలు మరియు కాల్స్ ఇది WhatsApp మరియు మూడవ పార్టీలు చదివిన లేదా వాటిని వినడానికి కాదు'],
  ['th', 'ข้อความและการโทรได้รับการเข้ารหัสจากต้นทางถึงปลายทาง'],
  ['th', 'ข้อความที่คุณส่งถึงแชทและการโทรนี้มีความปลอดภัยด้วยการเข้ารหัสจากต้นทางถึงปลายทาง'],
  ['tl', 'Ang inyong mga mensahe at tawag ay secured gamit ang end-to-end encryption'],
  ['tr', 'Mesajlar ve aramalar uçtan uca şifrelidir'],
  ['tr', 'Mesajlarınız artık uçtan uca şifreleme ile korunmaktadır'],
  ['uk', 'Повідомлення й дзвінки захищено наскрізним шифруванням'],
  ['uk', 'Ваші повідомлення та дзвінки захищено наскрізним шифруванням'],
  ['ur', 'میسجز اور کالز اینڈ ٹو اینڈ اینکرپشن کے ذریعے محفوظ ہیں'],
  ['ur', 'آپ کے پیغامات اور کالس شروع سے آخر تک رمزکاری کے ذریعے محفوظ ہیں'],
  ['uz', 'Xabarlaringiz va qo‘ng‘iroqlaringiz boshidan oxirigacha shifrlash bilan himoyalanadi'],
  ['vi', 'Tin nhắn và cuộc gọi được mã hóa đầu cuối'],
  ['vi', 'Những tin nhắn và những cuộc gọi đã được bảo mật với mã hoá đầu-cuối'],
  ['zh-Hans', '消息和通话都进行端到端加密'],
  ['zh-Hans', '您发送的信息和通话都会进行端对端的加密'],
  ['zh-Hant', '訊息和通話經端對端加密'],
  ['zh-Hant', '訊息已受端對端加密保護'],
  ['zh-Hant', '您傳送的訊息和通話都會進行端對端的加密'],
];

/**
 * "Your security code with NAME changed": `{}` stands for the name. iOS wording (WhatsApp's
 * Android wording, where it differs, is in locales.ts for the languages it covers).
 */
export const SECURITY_CODE: ReadonlyArray<readonly [lang: string, template: string]> = [
  ['ar', 'تغيّر رمز أمانك المُستخدَم مع {}'],
  ['bn', '{}-এর সাথে আপনার নিরাপত্তা কোড পরিবর্তিত হয়েছে'],
  ['ca', 'El teu codi de seguretat amb {} ha canviat'],
  ['cs', 'Bezpečnostní kód mezi vámi a uživatelem {} byl změněn'],
  ['da', 'Din sikkerhedskode for {} har ændret sig'],
  ['el', 'Ο κωδικός ασφαλείας σας με {} άλλαξε'],
  ['es', 'Cambió tu código de seguridad con {}'],
  ['fa', 'کد امنیتی شما با {} تغییر کرد'],
  ['fi', 'Turvanumerosi muuttui henkilön {} kanssa'],
  ['gu', '{} સાથેનો તમારો સુરક્ષા કોડ બદલાઈ ગયો'],
  ['he', 'קוד האבטחה עם {} שונה'],
  ['hi', '{} के लिए आपका सुरक्षा कोड बदल गया है'],
  ['hr', 'Vaš sigurnosni kôd za kontakt {} promijenio se'],
  ['hu', '{} biztonsági kódja megváltozott'],
  ['id', 'Kode keamanan Anda dengan {} telah berubah'],
  ['it', 'Il tuo codice di sicurezza con {} è cambiato'],
  ['ja', '{}とのセキュリティコードが変更されました'],
  ['ko', '{}님과의 보안 코드가 변경되었습니다'],
  ['mr', 'तुमचा {} संबंधित सुरक्षा कोड बदलला आहे'],
  ['ms', 'Kod keselamatan anda dengan {} telah berubah'],
  ['nb', 'Sikkerhetskoden med {} ble endret'],
  ['nl', 'Uw beveiligingscode voor {} is gewijzigd'],
  ['pl', 'Twój kod zabezpieczeń z użytkownikiem {} zmienił się'],
  ['pt-BR', 'Seu código de segurança com {} mudou'],
  ['pt-PT', 'O seu código de segurança partilhado com {} mudou'],
  ['ro', 'Codul dvs. de securitate cu {} s-a schimbat'],
  ['ru', 'Ваш код безопасности с контактом {} изменился'],
  ['sk', 'Bezpečnostný kód, ktorý zdieľate s používateľom {}, bol zmenený'],
  ['th', 'รหัสความปลอดภัยของคุณกับ {} มีการเปลี่ยนแปลง'],
  ['tr', '{} ile aranızdaki güvenlik kodu değişti'],
  ['uk', 'Код безпеки з контактом {} змінився'],
  ['ur', '{} کے ساتھ آپ کا سیکیورٹی کوڈ تبدیل ہوگیا ہے'],
  ['vi', 'Mã bảo mật của bạn với {} đã thay đổi'],
  ['zh-Hans', '您和 {} 的安全代码已更改'],
  ['zh-Hant', '您與{}之間的安全代碼已變更'],
  ['zh-Hant', '您與 {} 的安全碼已變更'],
  ['ga', 'Athraíodh an cód slándála atá agat le {}'],
];

/** Missed voice calls (`missed_voice_call`), per language. */
export const MISSED_VOICE: ReadonlyArray<readonly [string, string]> = [
  ['en', 'Missed voice call'], ['af', 'Stemoproep gemis'], ['ar', 'مكالمة صوتية فائتة'], ['az', 'Buraxılmış zəng'],
  ['bg', 'Пропуснато гласово обаждане'], ['bn', 'ভয়েস কল মিস করেছেন'], ['bn', 'মিসড ভয়েস কল'], ['ca', 'Trucada de veu perduda'],
  ['cs', 'Zmeškaný hlasový hovor'], ['da', 'Ubesvaret taleopkald'], ['da', 'Mistet opkald'], ['de', 'Verpasster Sprachanruf'],
  ['el', 'Αναπάντητη φωνητική κλήση'], ['el', 'Αναπάντητη κλήση'], ['es', 'Llamada de voz perdida'], ['es', 'Llamada perdida'],
  ['et', 'Vastamata häälkõne'], ['fa', 'تماس صوتی پاسخ داده نشده'], ['fi', 'Vastaamaton äänipuhelu'], ['fr', 'Appel vocal manqué'],
  ['ga', 'Glao Gutha Caillte'], ['gu', 'છૂટી ગયેલો વોઇસ કૉલ'], ['he', 'שיחה קולית שלא נענתה'], ['hi', 'मिस्ड वॉइस कॉल'], ['hi', 'वॉइस कॉल मिस हुई'],
  ['hi', 'छूटी हुई ध्वनि कॉल'], ['hr', 'Propušteni glasovni poziv'], ['hr', 'Propušten glasovni poziv'], ['hu', 'Nem fogadott hanghívás'],
  ['id', 'Panggilan suara tak terjawab'], ['it', 'Chiamata vocale persa'], ['ja', '音声通話不在着信'], ['ja', '不在着信'],
  ['kk', 'Жауапсыз қоңырау'], ['ko', '부재중 전화'], ['lt', 'Praleistas balso skambutis'], ['lv', 'Neatbildēts balss zvans'],
  ['mk', 'Пропуштен гласовен повик'], ['mr', 'मिस्ड व्हॉइस कॉल'], ['ms', 'Panggilan suara terlepas'], ['nb', 'Tapt taleanrop'],
  ['nl', 'Gemist spraakgesprek'], ['nl', 'Gemiste spraakoproep'], ['pl', 'Nieodebrane poł. głosowe'],
  ['pl', 'Nieodebrane połączenie'], ['pt', 'Chamada de voz perdida'], ['ro', 'Apel vocal ratat'], ['ro', 'Apel vocal nepreluat'],
  ['ru', 'Пропущенный аудиозвонок'], ['sk', 'Zmeškaný hovor'], ['sl', 'Zgrešen klic'], ['sq', 'Thirrje e shmangur'],
  ['sr-Cyrl', 'Пропуштен гласовни позив'], ['sv', 'Missat röstsamtal'], ['sv', 'Missat samtal'], ['sw', 'Simu ya sauti uliyoikosa'],
  ['ta', 'தவறிய குரல் அழைப்பு'], ['th', 'สายที่ไม่ได้รับ'], ['tl', 'Nakaligtaang voice call'], ['tr', 'Cevapsız sesli arama'],
  ['uk', 'Пропущений аудіодзвінок'], ['ur', 'مسڈ وائس کال'], ['vi', 'Cuộc gọi nhỡ'], ['zh-Hans', '未接语音通话'], ['zh-Hant', '未接語音通話'],
];

/** Missed video calls (`video_missed_call`), per language. */
export const MISSED_VIDEO: ReadonlyArray<readonly [string, string]> = [
  ['en', 'Missed video call'], ['ar', 'مكالمة فيديو فائتة'], ['az', 'Buraxılmış video zəng'], ['bg', 'Пропуснато видео обаждане'],
  ['ca', 'Videotrucada perduda'], ['ca', 'Trucada de vídeo perduda'], ['cs', 'Zmeškaný videohovor'], ['da', 'Ubesvaret videoopkald'],
  ['da', 'Mistede video opkald'], ['de', 'Verpasster Videoanruf'], ['el', 'Αναπάντητη βιντεοκλήση'], ['es', 'Videollamada perdida'],
  ['et', 'Vastamata videokõne'], ['fa', 'تماس تصویری بیپاسخ'], ['fa', 'تماس تصویری پاسخ داده نشده'], ['fi', 'Vastaamaton videopuhelu'],
  ['fr', 'Appel vidéo manqué'], ['he', 'שיחת וידאו שלא נענתה'], ['hi', 'मिस्ड वीडियो कॉल'], ['hi', 'छूटी हुई विडियो कॉल'],
  ['hr', 'Propušteni videopoziv'], ['hr', 'Propušten video poziv'], ['hu', 'Nem fogadott videohívás'], ['hu', 'Nem fogadott videóhívás'],
  ['id', 'Panggilan video tak terjawab'], ['it', 'Videochiamata persa'], ['ja', 'ビデオ通話不在着信'], ['ko', '부재중 영상통화'],
  ['lt', 'Praleistas video skambutis'], ['lv', 'Neatbildēts video zvans'], ['mk', 'Пропуштен видео повик'], ['ms', 'Panggilan video terlepas'],
  ['nb', 'Tapt videoanrop'], ['nb', 'Tapt videosamtale'], ['nl', 'Gemist videogesprek'], ['nl', 'Gemiste video-oproep'],
  ['pl', 'Nieodebrane poł. wideo'], ['pt', 'Videochamada perdida'], ['pt', 'Chamada de vídeo perdida'], ['ro', 'Apel video ratat'],
  ['ro', 'Apel video nepreluat'], ['ru', 'Пропущенный видеозвонок'], ['sl', 'Neodgovorjen video klic'], ['sq', 'Videothirrje e shmangur'],
  ['sr-Cyrl', 'Пропуштен видео позив'], ['sv', 'Missat videosamtal'], ['th', 'วิดีโอคอลที่ไม่ได้รับ'], ['th', 'สายโทรวิดีโอที่ไม่ได้รับ'],
  ['tr', 'Cevapsız görüntülü arama'], ['uk', 'Пропущений відеодзвінок'], ['ur', 'مسڈ ویڈیو کال'], ['vi', 'Cuộc gọi nhỡ video'],
  ['zh-Hans', '未接视频通话'], ['zh-Hant', '未接視像通話'],
];

/** Deleted-message placeholders (`revoked_msg_incoming`, `revoked_msg_outgoing`). */
export const DELETED_TEXTS: readonly string[] = [
  'This message was deleted', 'You deleted this message', 'This message was deleted by an admin', 'You deleted this message as admin',
  'הודעה זו נמחקה', 'מחקת את ההודעה הזו', 'מחקת הודעה זו',
  'Данное сообщение удалено', 'Вы удалили это сообщение', 'Вы удалили данное сообщение',
  'Questo messaggio è stato eliminato', 'Hai eliminato questo messaggio',
  'Esta mensagem foi apagada', 'Mensagem apagada', 'Apagou esta mensagem', 'Você apagou esta mensagem', 'Esta mensagem foi apagada pelo remetente.',
  'Αυτό το μήνυμα διαγράφηκε', 'Διαγράψατε αυτό το μήνυμα', 'Διαγράψατε το μήνυμα',
  'Це повідомлення було видалено', 'Ви видалили це повідомлення',
  'لقد حذَفت هذه الرسالة', 'أنت حذفت هذه الرسالة',
  'এই মেসেজটি বাদ দেওয়া হয়েছে।', 'এই বার্তাটি মুছে ফেলা হয়েছে', 'আপনি এই মেসেজটি বাদ দিয়েছেন', 'আপনি এই বার্তাটি মুছে ফেলেছেন',
  '此訊息已刪除。', '此訊息已刪除', '您已刪除此訊息', '您已刪除此訊息。',
  '这条消息已被删除。', '这条消息已被删除', '信息已删除', '您已删除这条消息', '您已删除这条消息。', '您删除这个信息',
  'Tin nhắn này đã bị xóa', 'Tin nhắn này đã bị xoá', 'Bạn đã xóa tin nhắn này', 'Bạn đã xoá tin nhắn này',
  'یہ میسج حذف کر دیا گیا ہے۔', 'یہ پیغام حذف کیا گیا', 'آپ نے یہ میسج حذف کر دیا ہے', 'آپ نے اس پیغام کو حذف کیا',
  'Bu mesaj silindi', 'Bu mesajı sildiniz',
  'ข้อความนี้ถูกลบแล้ว', 'ข้อความนี้ได้ถูกลบ', 'คุณได้ลบข้อความนี้', 'คุณลบข้อความนี้',
  'Det här meddelandet raderades', 'Detta meddelande raderades', 'Du har tagit bort meddelandet', 'Du raderade det här meddelandet', 'Du raderade detta meddelande',
  'Táto správa bola odstránená', 'Túto správu ste odstránili',
  'Ta wiadomość została usunięta', 'Usunąłeś(-ęłaś) tę wiadomość', 'Usunąłeś(aś) tę wiadomość',
  'Acest mesaj a fost șters', 'Ați șters acest mesaj',
  'Denne meldingen ble slettet', 'Denne meldingen ble slettet.', 'Du slettet denne meldingen',
  'Mesej ini telah dipadam', 'Anda telah memadamkan mesej ini',
  'हा मेसेज हटवण्यात आला', 'तुम्ही हा मेसेज हटवला',
  '이 메시지는 삭제되었습니다', '삭제한 메시지입니다', '이 메시지를 삭제했습니다',
  'このメッセージは削除されました', 'このメッセージは削除されました。', 'このメッセージを削除しました', 'このメッセージを削除しました。',
  'Ez az üzenet törlésre került', 'Ezt az üzenetet törölted', 'Törölted ezt az üzenetet',
  'Pesan ini dihapus', 'Pesan ini telah dihapus', 'Anda menghapus pesan ini', 'Anda telah menghapus pesan ini',
  'Ova je poruka izbrisana', 'Ova poruka je izbrisana', 'Izbrisali ste ovu poruku',
  'यह मैसेज डिलीट कर दिया गया है', 'यह संदेश मिटाया गया', 'आपने यह मैसेज डिलीट किया', 'आपने यह संदेश मिटाया',
  'Tämä viesti poistettiin', 'Tämä viesti poistettiin.', 'Poistit tämän viestin',
  'این پیام حذف شده است', 'این پیام حذف شد', 'شما این پیام را حذف کردید', 'شما این پیام را حذف کردید.',
  'Denne besked er blevet slettet', 'Denne besked blev slettet.', 'Du har slettet denne besked', 'Du slettede denne besked',
  'Tato zpráva byla smazána', 'Tato zpráva byla odstraněna', 'Tuto zprávu jste smazal/a', 'Tuto zprávu jste odstranil/a',
  "Aquest missatge s'ha suprimit", 'Has suprimit aquest missatge',
  'Съобщението беше изтрито', 'Изтрихте това съобщение',
  'Ова порука је обрисана', 'Обрисао/ла си ову поруку',
  'Šī ziņa tika izdzēsta', 'Jūs izdzēsāt šo ziņu', 'Ši žinutė buvo ištrinta', 'Jūs ištrynėte šią žinutę',
  'See sõnum on kustutatud', 'Kustutasid selle sõnumi', 'To sporočilo je bilo izbrisano', 'To sporočilo ste izbrisali',
  'Оваа порака беше избришана', 'Ја избриша оваа порака', 'Бұл хат жойылды', 'Сіз бұл хатты жойдыңыз',
];

/** Android `export_media_omitted`, per language (the whole body, `<…>` included). */
export const MEDIA_OMITTED_ANDROID: readonly string[] = [
  '<Media omitted>', '<Conținut media omis>', '<Файл пропущен>', '<Без медиафайлов>', '<Walang kalakip na media>', '<忽略多媒體檔>',
  '<Media omesso>', '<Mitjans omesos>', '<Média vynechána>', '<Média vynechány>', '<省略多媒体文件>', '<Media tidak disertakan>',
  '<メディアは含まれていません>', '<Εξαίρεση πολυμέσων>', '<Bez multivides>', '<Mediefil udeladt>', '<मीडिया वगळले>',
  '<Файл қосылған жоқ>', '<מדיה הושמטה>', '<Media disingkirkan>', '<Mídia omitida>', '<मीडिया के बिना>', '<Fayl o‘tkazib yuborildi>',
  '<pliki pominięto>', '<Bỏ qua Media>', '<Pa media>', '<Media har utelämnats>', '<Medij izpuščen>', '<Médiá vynechané>',
  '<میڈیا چھوڑ دیا گیا>', '<Media imerukwa>', '<Medya atlanmış>', '<สื่อถูกลบ>', '<Praleistas medijos turinys>', '<Uten vedlegg>',
  '<Media jätetty pois>', '<Fichier omis>', '<Archivo omitido>', '<Meedia ära jäetud>', '<Medijski zapis izostavljen>',
  '<Hiányzó médiafájl>', '<Media weggelaten>', '<Без файл>', '<মিডিয়া বাদ দেওয়া হয়েছে>', '<Media weggelaat>', '<Medien weggelassen>',
  '<Media çıxarılmışdır>', '<미디어 파일을 생략한 대화내용>', '<Без фајл>', '<تم استبعاد الوسائط>', '<Ficheiro não revelado>',
  '<Медіа пропущено>', '<медији су изостављени>', '<Медиа отсутствует>', '<Média manquante>', '<Media mancante>',
  '<Медіа відсутня>', '<Medien fehlen>',
];

/** iOS "… omitted" placeholders, with the kind of media. */
export const MEDIA_OMITTED_IOS_ALL: ReadonlyArray<readonly [string, string]> = [
  ...[
    'image omitted', 'התמונה הושמטה', 'изображение отсутствует', 'image absente', 'immagine omessa', 'imagem não revelada', 'imagen omitida',
    'εικόνα παραλείφθηκε', 'зображення відсутнє', 'Bild weggelassen', 'لم يتم إدراج الصورة', 'ইমেজ বাদ দেওয়া হয়েছে', '圖片已略去', '圖像已省略',
    '照片已忽略', 'đã bỏ qua hình ảnh', 'تصویر نکال دی گئی ہے', 'görüntü dahil edilmedi', 'ไม่มีรูปภาพ', 'bild utesluten', 'obrázok vynechaný',
    'obraz pominięty', 'Imagine omisă', 'imagem ocultada', 'afbeelding weggelaten', 'bilde ikke inkludert', 'imej tidak dimasukkan', 'इमेज वगळली',
    '이미지 생략됨', '画像は含まれていません', 'kép küldése sikertelen', 'gambar tidak disertakan', 'slika izostavljena', 'फ़ोटो हटाई गई',
    'íomhá ligthe ar lár', 'ei kuvaa', 'تصویر حذف شد', 'billede udeladt', 'obrázek vynechán', 'Imatge omesa',
  ].map((s) => [s, 'image'] as const),
  ...[
    'video omitted', 'סרטון הווידאו הושמט', 'видео отсутствует', 'vidéo absente', 'video omesso', 'vídeo não revelado', 'Video omitido',
    'βίντεο παραλείφθηκε', 'відео відсутнє', 'Video weggelassen', 'لم يتم إدراج الفيديوهات', 'ভিডিও বাদ দেওয়া হয়েছে', '影片已略去', '影片已省略',
    '视频已忽略', 'đã bỏ video', 'ویڈیو نظرانداز', 'video dahil edilmedi', 'วิดีโอถูกลบ', 'video utesluten', 'video vynechané', 'wideo pominięte',
    'clip video omis', 'vídeo omitido', 'video weggelaten', 'video utelatt', 'video tidak dimasukkan', 'व्हिडीओ वगळला', '비디오 생략됨',
    'ビデオは含まれていません', 'Videó kihagyva', 'video tidak disertakan', 'video izostavljen', 'वीडियो छोड़ा गया', 'físeán ligthe ar lár',
    'videota ei sisällytetä', 'ویدیو حذف شد', 'video udeladt', 'video vynecháno', 'vídeo omès', 'video omitido',
  ].map((s) => [s, 'video'] as const),
  ...[
    'audio omitted', 'קטע קול הושמט', 'аудиофайл отсутствует', 'audio omis', 'audio omesso', 'ficheiro de áudio não revelado', 'audio omitido',
    'ήχος παραλείφθηκε', 'аудіо відсутнє', 'Audio weggelassen', 'لم يتم إدراج المقاطع الصوتية', 'অডিও বাদ দেওয়া হয়েছে', '音訊已略去', '音訊已省略',
    '音频已忽略', 'bỏ qua tệp âm thanh', 'آڈیو نظرانداز', 'ses dahil edilmedi', 'ไม่มีไฟล์เสียง', 'ljud utelslutet', 'zvuk vynechaný',
    'audio pominięte', 'fără audio', 'áudio ocultado', 'audio weggelaten', 'lyd utelatt', 'audio tidak dimasukkan', 'ऑडिओ वगळला', '오디오 생략됨',
    '音声は含まれていません', 'Hang kihagyása', 'audio tidak disertakan', 'zvuk izostavljen', 'ऑडियो हटाई गयी', 'comhad fuaime ar lár',
    'äänitiedostoa ei sisällytetä', 'صدا حذف شد', 'lyd udeladt', 'zvukový soubor vynechán', 'Àudio omès',
  ].map((s) => [s, 'audio'] as const),
  ...[
    'sticker omitted', 'סטיקר הושמט', 'стикер не добавлен', 'sticker omis', 'sticker non incluso', 'sticker não revelado', 'sticker omitido',
    'αυτοκόλλητο παραλήφθηκε', 'Наклейку не додано', 'Sticker weggelassen', 'تم حذف الملصقات', 'স্টিকার বাদ দেওয়া হয়েছে', '貼圖已略去', '貼圖已忽略',
    '贴图已省略', 'đã bỏ sticker', 'اسٹیکر نظرانداز', 'Çıkartma dahil edilmedi', 'ไม่มีสติกเกอร์', 'sticker utesluten', 'nálepka vynechaná',
    'pominięto naklejkę', 'figurinha omitida', 'sticker weggelaten', 'klistremerke utelatt', 'pelekat tidak disertakan', 'स्टिकर वगळले',
    '스티커 제외됨', 'スタンプは含まれていません', 'matrica kihagyva', 'stiker tidak disertakan', 'naljepnica izostavljena', 'स्टिकर छोड़ा गया',
    'fágadh an greamán ar lár', 'tarraa ei sisällytetty', 'استیکر حذف شد', 'klistermærke udeladt', 'nálepka vynechána', 'adhesiu omès',
    'autocollant omis',
  ].map((s) => [s, 'sticker'] as const),
  ...[
    'GIF omitted', 'GIF הושמט', 'GIF отсутствует', 'GIF retiré', 'GIF esclusa', 'GIF não revelada', 'GIF omitido', 'Παράληψη GIF',
    'GIF-анімацію пропущено', 'GIF weggelassen', 'لم يتم إدراج صورة GIF', 'জিআইএফ বাদ দেওয়া হয়েছে', 'GIF 已略去', 'GIF 圖片已被省略',
    'GIF 动态图已被忽略', 'Đã bỏ qua ảnh GIF', 'GIF dahil edilmedi', 'ละเว้น GIF', 'GIF utesluten', 'GIF vynechaný', 'Plik GIF pominięty',
    'GIF omis', 'GIF weggelaten', 'GIF utelatt', 'GIF tidak dimasukkan', 'GIF वगळले', 'GIF 생략됨', 'GIFは含まれていません',
    'GIF fájl kihagyása', 'GIF tidak disertakan', 'GIF izostavljen', 'GIF छोड़ा गया', 'GIF ligthe ar lár', 'GIF-animaatio jätetty pois',
    'GIF حذف شد', 'GIF udeladt', 'GIF vynechán', 'GIF omès',
  ].map((s) => [s, 'gif'] as const),
  ...[
    'Contact card omitted', 'כרטיס איש קשר הושמט', 'Карточка контакта отсутствует', 'Fiche contact manquante', 'Scheda contatto omessa',
    'Contacto não revelado', 'Tarjeta de contacto omitida', 'Η κάρτα επαφής παραλήφθηκε', 'Картка контакту відсутня', 'Kontaktkarte ausgelassen',
    'لم يتم إدراج بطاقة جهة اتصال', 'পরিচিতির কার্ড বাদ দেওয়া হয়েছে', '聯絡人卡片已略去', '聯絡人卡片已省略', '联系人卡片已忽略', 'Bỏ qua thẻ liên lạc',
    'رابطہ کارڈ نظر انداز', 'Kişi kartı dahil edilmedi', 'บัตรรายชื่อที่ละเว้น', 'Kontaktkort uteslutet', 'Karta kontaktu vynechaná',
    'Pominięta wizytówka kontaktu', 'Carte de vizită contact omisă', 'Cartão do contato omitido', 'Visitekaartje weggelaten', 'Kontaktkort sløyfet',
    'Kad kenalan tidak dimasukkan', 'संपर्क कार्ड वगळले', '연락처 카드 생략됨', '連絡先カードを省略', 'Névjegykártya kihagyva', 'Kartu kontak tidak disertakan',
    'Posjetnica izostavljena', 'कॉन्टैक्ट कार्ड छोड़ा गया', 'Cárta teagmhála ar lár', 'Yhteystietokortti jätettiin pois', 'برگ مخاطب حذف شد',
    'Kontaktkort udeladt', 'Vizitka vynechána', 'Targeta de contacte omesa',
  ].map((s) => [s, 'contact'] as const),
  ...[
    'document omitted', 'מסמך הושמט', 'документ отсутствует', 'document manquant', 'documento omesso', 'documento não revelado', 'documento omitido',
    'έγγραφο παραλείφθηκε', 'документ пропущено', 'Dokument weggelassen', 'لم يتم إدراج المستند', 'ডকুমেন্ট বাদ দেওয়া হয়েছে', '文件已略去', '文件已忽略',
    '文档已省略', 'đã bỏ qua tài liệu', 'دستاویز نظرانداز', 'belge dahil edilmedi', 'ละเว้นเอกสาร', 'dokument uteslutet', 'dokument vynechaný',
    'dokument pominięty', 'document omis', 'document weggelaten', 'utelatt dokument', 'dokumen tidak dimasukkan', 'डॉक्युमेंट वगळले', '문서 생략됨',
    'ドキュメントは含まれていません', 'dokumentum kihagyva', 'dokumen tidak disertakan', 'dokument izostavljen', 'डॉक्यूमेंट छोड़ा गया',
    'cáipéis ligthe ar lár', 'dokumenttia ei sisällytetä', 'سند حذف شد', 'dokument udeladt', 'dokument vynechán', 'Document omès',
  ].map((s) => [s, 'document'] as const),
];

export interface NoticeMatch {
  kind: EventKind;
  lang: string;
  /** The other person of a security-code change. */
  subject?: string;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A sentence ends here: end of text, or a character that is not a letter or digit. */
const REST = '(?:[^\\p{L}\\p{N}\\p{M}].*)?$';

const SECURITY_RES: ReadonlyArray<{ lang: string; re: RegExp }> = SECURITY_CODE.map(([lang, t]) => {
  const [a, b] = t.split('{}') as [string, string];
  // the name is everything between the two fixed parts; the tail (". Tap to learn more.") is free
  return { lang, re: new RegExp(`^${escapeRe(a)}(?<s>.+?)${escapeRe(b)}${b === '' ? '(?:[.。]\\s.*|[.。])?$' : REST}`, 'su') };
});

const ENCRYPTION_BY_FIRST = new Map<string, Array<readonly [string, string]>>();
for (const e of ENCRYPTION) {
  const k = e[1].slice(0, 2);
  const list = ENCRYPTION_BY_FIRST.get(k);
  if (list) list.push(e);
  else ENCRYPTION_BY_FIRST.set(k, [e]);
}

/** Longest first: "Missed voice call" must not win over a longer wording that starts with it. */
const CALLS: ReadonlyArray<readonly [string, string]> = [...MISSED_VOICE, ...MISSED_VIDEO]
  .map(([lang, s]) => [lang, s.toLowerCase()] as const)
  .sort((a, b) => b[1].length - a[1].length);

/** Whether `t` is `s` followed by nothing or by a non-letter (". Tap to call back"). */
function startsSentence(t: string, s: string): boolean {
  if (!t.startsWith(s)) return false;
  if (t.length === s.length) return true;
  return !/[\p{L}\p{N}\p{M}]/u.test(t[s.length]!);
}

/**
 * One of WhatsApp's notices (encryption, security code, missed call), in any language of the
 * tables; `t` has direction marks removed. Null for anything else.
 */
export function matchNotice(text: string): NoticeMatch | null {
  const t = dropJoiners(text);
  const enc = ENCRYPTION_BY_FIRST.get(t.slice(0, 2));
  if (enc) for (const [lang, prefix] of enc) if (startsSentence(t, prefix)) return { kind: 'other', lang };
  // missed calls: the notice alone, or with a trailing ". Tap to call back" / ", 0:12"
  if (t.length < 200) {
    const lower = t.toLowerCase();
    for (const [lang, s] of CALLS) if (startsSentence(lower, s)) return { kind: 'call_missed', lang };
  }
  for (const { lang, re } of SECURITY_RES) {
    const m = re.exec(t);
    if (m) return { kind: 'security_code_changed', lang, subject: m.groups!.s!.trim() };
  }
  return null;
}

/** Languages the tables cover (for the documentation and the unknown-locale summary). */
export const NOTICE_LANGUAGES: readonly string[] = [...new Set([...ENCRYPTION, ...SECURITY_CODE, ...MISSED_VOICE, ...MISSED_VIDEO].map(([l]) => l))].sort();
