/**
 * @module seed/registry-facts/sources
 * The documents the seeded partnerships, mechanisms, facilities, funding and outreach rest on, named
 * once: stored public copies read through the project's search tools on 2026-11-21 (EUR-Lex, the
 * Council, the Commission's releases as reproduced, UNHCR factsheets, the Gazzetta Ufficiale, national
 * governments, and the press for dates and reported figures — marked as such where they are used).
 */
import type { Source } from '../../domain/registries/fields.ts';

const src = (title: string, url: string, date: string | null = null): Source => ({ title, url, date });

export const EU_TR_STATEMENT = src('EU–Turkey Statement, 18 March 2016 (Council press release)', 'https://www.consilium.europa.eu/en/press/press-releases/2016/03/18/eu-turkey-statement/', '2016-03-18');
export const EU_TR_FIRST_RETURNS = src('Commission: implementing the EU–Turkey Agreement — first returns and resettlements under the 18 March agreement (as reproduced)', 'https://www.pubaffairsbruxelles.eu/eu-institution-news/implementing-the-eu-turkey-agreement-first-returns-and-resettlements-under-the-18-march-agreement/');
export const EU_TR_ASIL = src('ASIL Insights: EU and Turkey reach deal to return migrants (18 March 2016)', 'https://asil.org/blogs/eu-and-turkey-reach-deal-return-migrants-march-18-2016');
export const FRIT_SUMMARY = src('EUR-Lex summary: Facility for Refugees in Turkey — Commission Decisions C(2015) 9500, C(2016) 855, C(2017) 2293, C(2018) 1500', 'https://eur-lex.europa.eu/EN/legal-content/summary/facility-for-refugees-in-turkey.html');
export const FRIT_DECISION = src('Commission Decision of 24 November 2015 on the Refugee Facility for Turkey, consolidated text of 24 July 2018 (OJ C 407, 8.12.2015, p. 8)', 'https://eur-lex.europa.eu/legal-content/EN/AUTO/?uri=CELEX%3A02015D1208%2802%29-20180724', '2015-11-24');

export const TN_BREAKING = src('Signed the memorandum of understanding between Tunisia and the EU based on 5 pillars (16 July 2023)', 'https://www.breakinglatest.news/world/signed-the-memorandum-of-understanding-between-tunisia-and-the-eu-based-on-5-pillars-meloni-achieved-an-important-goal/', '2023-07-16');
export const TN_CARTHAGE = src('Carthage Magazine: Tunisia, EU sign deal on migration and economy', 'https://carthagemagazine.com/tunisia-eu-sign-deal-on-migration-and-economy/');
export const TN_PLEDGE = src('Tunisia and the European Union sign a strategic partnership agreement on economy and migration (AFP, 17 July 2023)', 'https://pledgetimes.com/tunisia-and-the-european-union-sign-a-strategic-partnership-agreement-on-economy-and-migration/', '2023-07-17');
export const TN_EURACTIV = src('EU to pay Tunisia €675m in 2023 as part of cash-for-migrants deal (Euractiv, as reproduced)', 'https://globalpolitics.info/eu/eu-to-pay-tunisia-e675m-in-2023-as-part-of-cash-for-migrants-deal.html');

export const EG_MACRO = src('EU and Egypt enter strategic and comprehensive partnership (joint declaration of 17 March 2024)', 'https://macroticker.com/war-peace/eu-and-egypt-enter-strategic-and-comprehensive-partnership', '2024-03-17');
export const EG_AFP = src('EU–Egypt "strategic" partnership for 7.4 billion euros (AFP, 17 March 2024)', 'https://world-today-news.com/eu-egypt-strategic-partnership-for-7-4-billion-euros', '2024-03-17');

export const MR_COMMISSION = src('Commission launches a new migration partnership with Mauritania (Commission press release, as reproduced)', 'https://europeaninterest.eu/commission-launches-a-new-migration-partnership-with-mauritania', '2024-03-07');
export const MR_PILLARS = src('EU new migration partnership with Mauritania: the five pillars (as reproduced)', 'https://co-eur.site/eu-new-migration-partnership-with-mauritanie');
export const MR_SIGNING = src('The EU allocates €210 million … Johansson and Mauritania\'s Interior Minister signed in Nouakchott on Thursday (7 March 2024)', 'https://pledgetimes.com/the-eu-allocates-210-million-to-turn-mauritania-into-a-barrier-for-irregular-emigration-to-the-canary-islands/', '2024-03-07');
export const MR_NONBINDING = src('Non-binding joint declaration by Mauritania and the EU on migration (8 March 2024)', 'https://weafrica24.com/2024/03/08/non-binding-joint-declaration-between-mauritania/', '2024-03-08');

export const IT_AL_LAW = src('Legge 21 febbraio 2024, n. 14: ratifica ed esecuzione del Protocollo tra Italia e Albania (GU n. 44 del 22 febbraio 2024)', 'https://www.gazzettaufficiale.it/eli/id/2024/02/22/24G00024/sg', '2024-02-22');
export const IT_AL_ARTICLES = src('Agenzia Nova: published text of the Italy–Albania Protocol, 14 articles and 2 annexes (Art. 3 use of the areas; Art. 4 at most 3,000 migrants at a time)', 'https://www.agenzianova.com/a/6555763f3db723.56244481/4665209/2023-11-15/italia-albania-pubblicato-il-testo-del-protocollo-sui-migranti-14-articoli-e-2-allegati-2', '2023-11-15');
export const IT_AL_TERM = src('Agenzia Nova: Protocol of 14 articles, in force for five years, tacitly renewed', 'https://www.agenzianova.com/a/654ab3b7b238c6.50310742/4650600/2023-11-07/migranti-protocollo-italia-albania-14-articoli-in-vigore-per-cinque-anni', '2023-11-07');
export const IT_AL_CAMERA = src('Camera dei deputati: Protocollo Italia-Albania in materia migratoria (dossier)', 'https://temi.camera.it/leg19/provvedimento/protocollo-italia-albania-in-materia-migratoria.html');
export const IT_AL_ART6 = src('Legge 14/2024, art. 6 (Disposizioni finanziarie), Gazzetta Ufficiale', 'https://www.gazzettaufficiale.it/atto/serie_generale/caricaArticolo?art.codiceRedazionale=24G00028&art.dataPubblicazioneGazzetta=2024-02-22&art.flagTipoArticolo=0&art.idArticolo=6&art.idGruppo=0&art.idSottoArticolo=1&art.idSottoArticolo1=10&art.progressivo=0&art.versione=1', '2024-02-22');

export const NE_FACTSHEET_2019 = src('UNHCR Niger factsheet: Emergency Transit Mechanism (ETM), December 2019', 'https://reliefweb.int/report/niger/unhcr-niger-factsheet-emergency-transit-mechanism-etm-december-2019', '2020-01-20');
export const NE_FACTSHEET_2020 = src('UNHCR Niger factsheet: Emergency Transit Mechanism (ETM), December 2020', 'https://reliefweb.int/report/niger/unhcr-niger-factsheet-emergency-transit-mechanism-etm-december-2020', '2020-12-24');
export const NE_FACTSHEET_MARCH_2020 = src('UNHCR Niger factsheet: Emergency Transit Mechanism (ETM), March 2020', 'https://reliefweb.int/report/niger/unhcr-niger-factsheet-emergency-transit-mechanism-etm-march-2020');

export const RW_CAMP_PROFILE = src('UNHCR Rwanda: ETM — Gashora camp profile (as of 23 April 2021)', 'https://reliefweb.int/report/rwanda/unhcr-rwanda-etm-gashora-camp-profile-23-april-2021', '2021-04-23');
export const RW_ADDENDUM_1 = src('Libya Observer: UNHCR, AU and Rwanda sign the first addendum (14 October 2021): ETM until 31 December 2023, capacity from 500 to 700', 'https://libyaobserver.ly/inbrief/unhcr-au-and-rwanda-agree-continue-evacuation-refugees-libya', '2021-10-14');
export const RW_ADDENDUM_2 = src('KT Press: Rwanda, the AU Commission and UNHCR sign the second addendum, ETM until 31 December 2025', 'https://www.ktpress.rw/2024/08/rwanda-renews-commitment-to-receive-refugees-asylum-seekers-from-libya/', '2024-08-22');
export const RW_FIRST_FLIGHTS = src('KT Press: more refugees from Libya arrive (first evacuation of 66 on 26 September 2019; EU €10.3 million through the EU Trust Fund for Africa)', 'https://ktpress.rw/2019/11/more-refugees-from-libya-arrive-tonight');

export const NL_UG_GOVERNMENT = src('Dutch government: the Netherlands and Uganda make agreements on return via Uganda (25 September 2025, as reproduced)', 'https://openrijk.nl/en/ministeries/justitie-en-veiligheid/artikel/fd843daf-30c6-4622-a52e-9df70224198b/the-netherlands-and-uganda-make-agreements-on-return-via-uganda', '2025-09-25');
export const NL_UG_REUTERS = src('Reuters: Netherlands and Uganda sign letter of intent on return hub deal for rejected asylum seekers', 'https://d2443.cms.socastsrm.com/2025/09/25/netherlands-and-uganda-sign-letter-of-intent-on-return-hub-deal-for-rejected-asylum-seekers', '2025-09-25');

export const UK_RW_UKSC = src('Law Society Gazette: Supreme Court rules on Rwanda policy, R (AAA) v SSHD [2023] UKSC 42, 15 November 2023', 'https://www.lawgazette.co.uk/legal-updates/supreme-court-rules-on-rwanda-policy/5117964.article', '2023-11-15');
export const UK_RW_ACT = src('Laura Devine: Safety of Rwanda (Asylum and Immigration) Act 2024, Royal Assent 25 April 2024', 'https://www.lauradevine.com/news/safety-of-rwanda-act-2024-passes-into-law-controversies-and-implications/', '2024-05-09');
export const UK_RW_TREATY = src('House of Lords International Agreements Committee: UK–Rwanda Agreement on an Asylum Partnership, laid on 6 December 2023', 'https://publications.parliament.uk/pa/ld5804/ldselect/ldintagr/43/4304.htm');
export const UK_RW_END = src('IGIHE: new UK Prime Minister Starmer cancels the Rwanda migration scheme (6 July 2024)', 'https://en.igihe.com/news/article/new-uk-prime-minister-starmer-cancels-rwanda-migration-scheme', '2024-07-06');

export const IT_AL_ELIGIBILITY = src('Italy initiates migrant transfer to Albania (press report of the eligibility criteria)', 'https://aussiedlerbote.de/en/italy-initiates-migrant-transfer-to-albania-as-a-novel-undertaking');
export const GJADER_OPENING = src('TGCOM24: Albania, the migrant centre opens — Gjadër: asylum-seeker detention centre (880 places), CPR (144), penitentiary (20); at least 400 people in the first phase (October 2024)', 'https://www.tgcom24.mediaset.it/2024/video/albania-apre-il-centro-migranti_88826572-02k.shtml');
export const GJADER_CPR_FIRST = src('TGCOM24: first transfers from Italy to the Gjadër centre converted into a CPR — about forty people, the CPR\'s current capacity (April 2025)', 'https://www.tgcom24.mediaset.it/mondo/migranti-albania-primi-trasferimenti-cpr-da-italia_96380389-202502k.shtml');
export const GJADER_CPR_DECREE = src('Italy News: Albanian centres to function as CPRs — the decree of 28 March 2025; the Gjadër CPR to have 144 places', 'https://italynews.online/news-from-italy-in-english/albanian-centres-to-function-as-cprs');
export const GJADER_CPR_DELAY = src('Il Fatto Quotidiano (via Zazoom): transfer to Gjadër postponed by 24 hours — ships expected at Shëngjin the next day, about forty people', 'https://www.zazoom.it/2025-04-10/albania-rinviato-di-almeno-24-ore-il-nuovo-trasferimento-di-migranti-al-centro-di-gjader/16745632/', '2025-04-10');
export const NE_EUTF_2020 = src('EU Emergency Trust Fund for Africa: the ETM transit facility in Hamdallaye can host a maximum of 1,500 persons', 'https://trust-fund-for-africa.europa.eu/news/style-all-his-own-refugee-teen-hairdresser-grooms-life-after-libya-2020-08-04_en', '2020-08-04');

export const NDICI_EP = src('European Parliament Legislative Train: Regulation (EU) 2021/947 (NDICI-Global Europe), €79 462 million in current prices', 'https://www.europarl.europa.eu/legislative-train/theme-new-boost-for-jobs-growth-and-investment/file-mff-ndici');
export const NDICI_SUMMARY = src('EUR-Lex summary: Global Europe — Regulation (EU) 2021/947', 'https://eurlex.europa.eu/EN/legal-content/summary/global-europe-the-eu-neighbourhood-development-and-international-cooperation-instrument.html');
export const HOME_FUNDS_COMMISSION = src('Commission (DG HOME): a visual glimpse of the new 2021-2027 migration, borders and internal security funds — AMIF €9.88 bn, BMVI €6.38 bn initial budgets', 'https://home-affairs.ec.europa.eu/news/visual-glimpse-new-2021-2027-migration-borders-and-internal-security-funds-2021-10-21_cs', '2021-10-21');
export const HOME_FUNDS_EP = src('European Parliament adopts two funds for asylum and border policies: AMIF €9.88 bn, Integrated Border Management Fund €6.24 bn (as reproduced)', 'https://pubaffairsbruxelles.eu/eu-institution-news/eu-parliament-adopts-two-funds-for-asylum-and-border-policies', '2021-07-07');
export const AMIF_REGULATION = src('Regulation (EU) 2021/1147 establishing the Asylum, Migration and Integration Fund', 'https://eur-lex.europa.eu/eli/reg/2021/1147/oj', '2021-07-07');
export const BMVI_REGULATION = src('Regulation (EU) 2021/1148 establishing the Instrument for Financial Support for Border Management and Visa Policy', 'https://eur-lex.europa.eu/eli/reg/2021/1148/oj', '2021-07-07');
export const FRIT_2018 = src('Brussels Times: EU launches second €3 billion tranche for refugees in Turkey (14 March 2018)', 'https://www.brusselstimes.com/all-news/eu-affairs/47066/eu-launches-second-3-billion-tranche-for-refugees-in-turkey/', '2018-03-14');
export const GLOBAL_EUROPE_OEIL = src('European Parliament Legislative Observatory: proposal establishing Global Europe for 2028-2034 (MFF proposal of 16 July 2025)', 'https://oeil.europarl.europa.eu/oeil/en/document-summary?id=1830710', '2025-07-16');
export const GLOBAL_EUROPE_REMARKS = src('Remarks by Commissioners Síkela, Šuica and Kos on the Global Europe instrument: "over €200 billion"', 'https://openrijk.nl/en/parlement-eu/europese-commissie/artikel/speech-25-1866/remarks-by-commissioner-síkela,-šuica-and-kos-on-the-global-europe-instrument', '2025-07-17');

export const TN_ALLNEWS = src('Tunisia and the EU sign a "strategic partnership" on the economy and migration policy (Le Monde with Reuters, as reproduced)', 'https://allnewspress.com/tunisia-and-the-eu-sign-a-strategic-partnership-on-the-economy-and-migration-policy/', '2023-07-16');
export const MR_VISIT = src('Joint press statement of the President of Mauritania, the President of the Commission and the Prime Minister of Spain, Nouakchott, 8 February 2024', 'https://app.1848.nl/document/item/575289', '2024-02-08');
export const MR_210 = src('Von der Leyen vows to strike €210 million migration deal with Mauritania (Euractiv, as reproduced)', 'https://starthaber.com.tr/von-der-leyen-vows-to-strike-e210-million-migration-deal-with-mauritania/', '2024-02-08');
export const EG_ATHENS = src('Athens Times: EU–Egypt mini-summit in Cairo — von der Leyen, Mitsotakis, Christodoulides, De Croo, Meloni, Nehammer', 'https://athens-times.com/eu-egypt-mini-session-in-cairo-aimed-at-a-strategic-and-comprehensive-partnership/', '2024-03-16');

export const FI_INTERMIN = src('Finnish Ministry of the Interior: situation at the eastern border — land crossing points closed since 15 December 2023; applications only at maritime and air crossing points since 15 April 2024', 'https://intermin.fi/en/current-issues/situation-at-the-eastern-border');
export const FI_FEBRUARY_2024 = src('Finnish Government: the eastern border to remain closed until 14 April 2024; no applications at any land border crossing point (8 February 2024)', 'https://valtioneuvosto.fi/en/-/1410869/finland-s-eastern-border-to-remain-closed-1', '2024-02-08');
export const FI_NOVEMBER_2023 = src('JURIST: Finland closes four border crossing points with Russia from 18 November 2023; applications only at Vartius and Salla', 'https://jurist.org/news/2023/11/finland-closes-4-border-crossing-points-with-russia-over-irregular-migration-concerns', '2023-11-16');
