import { count, date } from '../format.js'
import type { Message } from '../message.js'

/** Texts of the alert e-mails (digests), keyed by a stable dotted key starting with "alerts.". */
export const alertsMessages = {
  'alerts.digest.subject': { sv: (p) => `datavakt: ${p.summary}`, en: (p) => `datavakt: ${p.summary}` },
  'alerts.digest.count-new': { sv: (p) => count('sv', p.n, 'nytt problem', 'nya problem'), en: (p) => count('en', p.n, 'new problem', 'new problems') },
  'alerts.digest.count-open': { sv: (p) => `${p.n} öppna`, en: (p) => `${p.n} open` },
  'alerts.digest.count-resolved': { sv: (p) => `${p.n} åtgärdade`, en: (p) => `${p.n} fixed` },
  'alerts.digest.greeting': {
    sv: 'Hej! Här är dagens sammanfattning från datavakt om era öppna data.',
    en: 'Hello! Here is the daily summary from datavakt about your open data.',
  },
  'alerts.digest.section-new': { sv: 'Nya problem', en: 'New problems' },
  'alerts.digest.section-open': { sv: 'Fortfarande öppna', en: 'Still open' },
  'alerts.digest.section-resolved': { sv: 'Åtgärdade', en: 'Fixed' },
  'alerts.problem.availability': { sv: 'Filen går inte att hämta', en: 'The file cannot be downloaded' },
  'alerts.problem.harvest': {
    sv: 'Katalogen går inte att skörda: ingen av organisationens data syns nationellt så länge det pågår',
    en: 'The catalogue cannot be harvested: none of the organisation’s data can be found nationally while this lasts',
  },
  'alerts.problem.columns': {
    sv: 'Filens kolumner har ändrats sedan den senast var i ordning: den som använder den kan få fel',
    en: 'The file’s columns changed since it was last in order: whoever uses it may break',
  },
  'alerts.problem.check': { sv: (p) => `Kontrollen ${p.check} underkänner filen`, en: (p) => `The check ${p.check} fails the file` },
  'alerts.problem.since': { sv: (p) => `sedan ${date('sv', p.since)}`, en: (p) => `since ${date('en', p.since)}` },
  'alerts.problem.resolved-on': { sv: (p) => `åtgärdat ${date('sv', p.at)}`, en: (p) => `fixed on ${date('en', p.at)}` },
  'alerts.problem.intermittent': {
    sv: 'Problemet kommer och går: filen fungerar ibland och ibland inte.',
    en: 'The problem comes and goes: the file works at times and fails at others.',
  },
  'alerts.problem.fix': { sv: (p) => `Så åtgärdar ni det: ${p.hint}`, en: (p) => `How to fix it: ${p.hint}` },
  'alerts.problem.points': {
    sv: (p) => `Att åtgärda det ger ${count('sv', p.points, 'poäng', 'poäng')} i totalbetyget.`,
    en: (p) => `Fixing it gains ${count('en', p.points, 'point', 'points')} in the total score.`,
  },
  'alerts.problem.link': { sv: 'Datamängdens sida', en: 'The dataset’s page' },
  'alerts.digest.footer': {
    sv: 'Ni får detta för att er organisation har angett er som kontakt för datavakts aviseringar.',
    en: 'You receive this because your organisation named you as a contact for datavakt alerts.',
  },
  'alerts.digest.footer-follower': {
    sv: 'Du får detta för att du har valt att bevaka datamängden eller organisationen på datavakt.',
    en: 'You receive this because you chose to follow the dataset or organisation on datavakt.',
  },
  'alerts.digest.footer-contact-point': {
    sv: 'Du får detta för att adressen står som kontaktpunkt för datamängden i katalogen.',
    en: 'You receive this because the address is the dataset’s contact point in the catalogue.',
  },
  'alerts.links.unsubscribe-all': { sv: 'Avsluta alla aviseringar', en: 'Unsubscribe from all alerts' },
  'alerts.links.snooze-all': {
    sv: (p) => `Pausa aviseringarna i ${count('sv', p.days, 'dag', 'dagar')}`,
    en: (p) => `Pause the alerts for ${count('en', p.days, 'day', 'days')}`,
  },
  'alerts.links.stop-dataset': { sv: 'Sluta få aviseringar om den här datamängden', en: 'Stop alerts about this dataset' },
  'alerts.follow.mail-subject': { sv: 'datavakt: bekräfta din bevakning', en: 'datavakt: confirm what you follow' },
  'alerts.follow.mail-text': {
    sv: 'Någon, förhoppningsvis du, vill få datavakts aviseringar om en datamängd eller organisation till den här adressen. Öppna länken och bekräfta för att börja:',
    en: 'Someone, hopefully you, asked for datavakt alerts about a dataset or organisation at this address. Open the link and confirm to start:',
  },
  'alerts.follow.mail-button': { sv: 'Bekräfta bevakningen', en: 'Confirm' },
  'alerts.follow.mail-ignore': {
    sv: 'Har du inte bett om det kan du bortse från meddelandet; utan bekräftelse skickas inget mer.',
    en: 'If you did not ask for this, ignore this message; without confirmation nothing more is sent.',
  },
  'alerts.follow.heading': { sv: 'Bevaka', en: 'Follow' },
  'alerts.follow.intro-dataset': {
    sv: 'Få e-post när den här datamängden går sönder eller lagas.',
    en: 'Get an e-mail when this dataset breaks or is fixed.',
  },
  'alerts.follow.intro-organisation': {
    sv: 'Få e-post när organisationens datamängder går sönder eller lagas.',
    en: 'Get an e-mail when the organisation’s datasets break or are fixed.',
  },
  'alerts.follow.email-label': { sv: 'Din e-postadress', en: 'Your e-mail address' },
  'alerts.follow.submit': { sv: 'Bevaka', en: 'Follow' },
  'alerts.follow.feed': { sv: 'Atom-flöde med aviseringarna', en: 'Atom feed of the alerts' },
  'alerts.follow.sent-title': { sv: 'Titta i din e-post', en: 'Check your e-mail' },
  'alerts.follow.sent-text': {
    sv: 'Om adressen tar emot e-post kommer ett meddelande med en länk. Bevakningen börjar först när du har bekräftat den.',
    en: 'If the address receives e-mail, a message with a link is on its way. Following starts only once you confirm it.',
  },
  'alerts.follow.limited-title': { sv: 'För många försök', en: 'Too many attempts' },
  'alerts.follow.limited-text': { sv: 'Vänta en stund och försök igen.', en: 'Wait a while and try again.' },
  'alerts.follow.bad-request': {
    sv: 'Ange en giltig e-postadress och vad du vill bevaka.',
    en: 'Give a valid e-mail address and what to follow.',
  },
  'alerts.page.title-unsubscribe': { sv: 'Avsluta aviseringar', en: 'Unsubscribe' },
  'alerts.page.title-snooze': { sv: 'Pausa aviseringar', en: 'Pause alerts' },
  'alerts.page.title-confirm': { sv: 'Bekräfta bevakning', en: 'Confirm following' },
  'alerts.page.ask-unsubscribe': {
    sv: (p) => `Sluta skicka aviseringar om ${p.what} till ${p.email}?`,
    en: (p) => `Stop sending alerts about ${p.what} to ${p.email}?`,
  },
  'alerts.page.ask-snooze': {
    sv: (p) => `Pausa aviseringarna om ${p.what} till ${p.email} i ${count('sv', p.days, 'dag', 'dagar')}?`,
    en: (p) => `Pause the alerts about ${p.what} to ${p.email} for ${count('en', p.days, 'day', 'days')}?`,
  },
  'alerts.page.ask-confirm': {
    sv: (p) => `Börja skicka aviseringar om ${p.what} till ${p.email}?`,
    en: (p) => `Start sending alerts about ${p.what} to ${p.email}?`,
  },
  'alerts.page.scope-all': { sv: 'allt', en: 'everything' },
  'alerts.page.scope-dataset': { sv: (p) => `datamängden ${p.name}`, en: (p) => `the dataset ${p.name}` },
  'alerts.page.scope-organisation': { sv: (p) => `organisationen ${p.name}`, en: (p) => `the organisation ${p.name}` },
  'alerts.page.button-unsubscribe': { sv: 'Ja, avsluta', en: 'Yes, unsubscribe' },
  'alerts.page.button-snooze': { sv: 'Ja, pausa', en: 'Yes, pause' },
  'alerts.page.button-confirm': { sv: 'Ja, bevaka', en: 'Yes, follow' },
  'alerts.page.done-unsubscribe': { sv: 'Klart: inga fler aviseringar skickas om detta.', en: 'Done: no more alerts are sent about this.' },
  'alerts.page.done-snooze': { sv: (p) => `Klart: aviseringarna är pausade till ${date('sv', p.until)}.`, en: (p) => `Done: the alerts are paused until ${date('en', p.until)}.` },
  'alerts.page.done-confirm': { sv: 'Klart: du bevakar nu detta.', en: 'Done: you now follow this.' },
  'alerts.page.refused-title': { sv: 'Länken fungerar inte', en: 'The link does not work' },
  'alerts.page.refused-forged': {
    sv: 'Länken är ogiltig: den har ändrats eller kommer inte från datavakt. Inget har ändrats.',
    en: 'The link is not valid: it was altered or does not come from datavakt. Nothing was changed.',
  },
  'alerts.page.refused-expired': {
    sv: 'Länken har gått ut. Använd länken i ett nyare meddelande. Inget har ändrats.',
    en: 'The link has expired. Use the link in a more recent message. Nothing was changed.',
  },
  'alerts.feed.title': { sv: (p) => `Aviseringar: ${p.name}`, en: (p) => `Alerts: ${p.name}` },
  'alerts.feed.entry-opened': { sv: (p) => `Nytt problem: ${p.problem} (${p.name})`, en: (p) => `New problem: ${p.problem} (${p.name})` },
  'alerts.feed.entry-resolved': { sv: (p) => `Åtgärdat: ${p.problem} (${p.name})`, en: (p) => `Fixed: ${p.problem} (${p.name})` },
  'alerts.regional.subject': {
    sv: (p) => `datavakt: veckan i regionen: ${count('sv', p.n, 'nytt problem', 'nya problem')}, ${p.fixed} åtgärdade`,
    en: (p) => `datavakt: the week in the region: ${count('en', p.n, 'new problem', 'new problems')}, ${p.fixed} fixed`,
  },
  'alerts.regional.greeting': {
    sv: 'Hej! Här är veckans sammanfattning från datavakt för regionens öppna data.',
    en: 'Hello! Here is the weekly summary from datavakt about the region’s open data.',
  },
  'alerts.regional.trend': {
    sv: (p) => `Regionens totalbetyg: ${p.from} för en vecka sedan, ${p.to} nu.`,
    en: (p) => `The region’s total score: ${p.from} a week ago, ${p.to} now.`,
  },
  'alerts.regional.trend-none': { sv: 'Regionen har inget totalbetyg ännu.', en: 'The region has no total score yet.' },
  'alerts.regional.section-new': { sv: (p) => `Nya problem (${p.n})`, en: (p) => `New problems (${p.n})` },
  'alerts.regional.section-resolved': { sv: (p) => `Åtgärdade (${p.n})`, en: (p) => `Fixed (${p.n})` },
  'alerts.regional.section-oldest': { sv: 'Äldst öppna', en: 'Oldest open' },
  'alerts.regional.no-organisation': { sv: 'Utan organisation', en: 'No organisation' },
  'alerts.regional.unsubscribe': { sv: 'Avsluta veckosammanfattningen', en: 'Unsubscribe from the weekly summary' },
  'alerts.follow.mail-stop': { sv: 'Skicka inga fler sådana förfrågningar till den här adressen', en: 'Send no more such requests to this address' },
  'alerts.page.scope-regional-summary': { sv: 'veckosammanfattningen för regionen', en: 'the weekly summary for the region' },
  'alerts.page.scope-follow-requests': { sv: 'förfrågningar om att följa (bekräftelsemejl)', en: 'requests to follow (confirmation e-mails)' },
  'alerts.regional.footer': {
    sv: 'Ni får detta för att ni står som regionalt team i datavakts inställningar (alerts.regionalTeam).',
    en: 'You receive this because you are the regional team in datavakt’s settings (alerts.regionalTeam).',
  },
} as const satisfies Record<string, Message>
