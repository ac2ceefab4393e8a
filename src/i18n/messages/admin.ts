import type { Message } from '../message.js'

/** Texts of the admin pages (the outbox), keyed by a stable dotted key starting with "admin.". */
export const adminMessages = {
  'admin.outbox.title': { sv: 'Utkorgen', en: 'The outbox' },
  'admin.outbox.intro': {
    sv: 'Alla meddelanden som datavakt har skickat eller ska skicka, nyast först. Ett meddelande räknas som skickat först när e-postservern har tagit emot det; ett som misslyckades försöks igen senare.',
    en: 'Every message datavakt sent or will send, newest first. A message counts as sent only once the mail server accepted it; one that failed is tried again later.',
  },
  'admin.outbox.eml-dir': {
    sv: (p) => `Utan SMTP_URL skrivs e-posten som .eml-filer i ${p.dir}.`,
    en: (p) => `Without SMTP_URL, e-mails are written as .eml files in ${p.dir}.`,
  },
  'admin.outbox.counts': {
    sv: (p) => `${p.sent} skickade, ${p.waiting} väntar, ${p.failed} misslyckade som väntar på nytt försök, ${p.bounced} studsade, ${p.paused} inte skickade (mottagaren pausad)`,
    en: (p) => `${p.sent} sent, ${p.waiting} waiting, ${p.failed} failed and waiting to be tried again, ${p.bounced} bounced, ${p.paused} not sent (recipient paused)`,
  },
  'admin.outbox.empty': { sv: 'Utkorgen är tom.', en: 'The outbox is empty.' },
  'admin.outbox.column.created': { sv: 'Skapat', en: 'Created' },
  'admin.outbox.column.recipient': { sv: 'Mottagare', en: 'Recipient' },
  'admin.outbox.column.subject': { sv: 'Ämne', en: 'Subject' },
  'admin.outbox.column.state': { sv: 'Läge', en: 'State' },
  'admin.outbox.column.attempts': { sv: 'Försök', en: 'Attempts' },
  'admin.outbox.state.sent': { sv: (p) => `skickat ${p.at} (${p.via})`, en: (p) => `sent ${p.at} (${p.via})` },
  'admin.outbox.state.waiting': { sv: (p) => `väntar till ${p.at}`, en: (p) => `waiting until ${p.at}` },
  'admin.outbox.state.failed': { sv: (p) => `misslyckades, nästa försök ${p.at}`, en: (p) => `failed, next attempt ${p.at}` },
  'admin.outbox.state.bounced': { sv: 'studsade: e-postservern tog inte emot adressen; försöks inte igen', en: 'bounced: the mail server refused the address; not tried again' },
  'admin.outbox.state.paused': { sv: 'inte skickat: mottagaren är pausad efter upprepade studsar', en: 'not sent: the recipient is paused after repeated bounces' },
  'admin.outbox.webhook': { sv: 'webbkrok', en: 'webhook' },
  'admin.bounces.title': { sv: 'Adresser som studsar', en: 'Addresses that bounce' },
  'admin.bounces.intro': {
    sv: (p) => `E-postservern vägrade ta emot de här adresserna. En adress som studsar ${p.times} gånger i rad pausas i ${p.days} dagar; sedan försöker datavakt igen. Rätta eller ta bort adressen hos organisationen (alerts.contacts eller administrations-API:t).`,
    en: (p) => `The mail server refused these addresses. An address that bounces ${p.times} times in a row is paused for ${p.days} days; then datavakt tries again. Correct or remove the address for the organisation (alerts.contacts or the admin API).`,
  },
  'admin.bounces.column.recipient': { sv: 'Adress', en: 'Address' },
  'admin.bounces.column.bounces': { sv: 'Studsar i rad (totalt)', en: 'Bounces in a row (in all)' },
  'admin.bounces.column.last': { sv: 'Senast', en: 'Last' },
  'admin.bounces.column.response': { sv: 'Serverns svar', en: "The server's answer" },
  'admin.bounces.column.paused': { sv: 'Pausad', en: 'Paused' },
  'admin.bounces.paused-until': { sv: (p) => `till ${p.at}`, en: (p) => `until ${p.at}` },
  'admin.bounces.not-paused': { sv: 'nej', en: 'no' },
  'admin.message.title': { sv: (p) => `Meddelande ${p.id}`, en: (p) => `Message ${p.id}` },
  'admin.message.back': { sv: 'Tillbaka till utkorgen', en: 'Back to the outbox' },
  'admin.message.raw': { sv: 'Hela .eml-filen', en: 'The whole .eml file' },
  'admin.message.download': { sv: 'Ladda ner .eml', en: 'Download .eml' },
  'admin.message.no-file': {
    sv: 'Meddelandet skickades inte som fil (eller filen är borta); här visas texten som den står i utkorgen.',
    en: 'The message was not written as a file (or the file is gone); here is its text as the outbox holds it.',
  },
} as const satisfies Record<string, Message>
