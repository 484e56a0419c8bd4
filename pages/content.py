"""The first text of every site page and toolkit guide, in English and Finnish.

Staff edit the pages in the admin from then on: seeding creates what is missing and never
overwrites a page that exists.
"""

ABOUT_EN = """\
TalentHub began in Joensuu in 2018 with a simple question: how could the small companies of
North Karelia make use of the international people who already live here?

## Where it started

Local companies wanted to grow abroad, but they lacked people with the languages, networks
and cultural knowledge to do it. At the same time, many international students, spouses and
professionals in the region could not find work that matched their skills. The TalentHub
project set out to build a lasting way for the city, companies, talents and their support
organisations to work together.

## How it works

The heart of the model is the **cooperation period**. A talent and a company work together
for an agreed time on a real goal, such as entering a new market. The period can be joint
work, an internship or a development period. Both sides see what the other can offer before
they commit to employment.

For talents who want a business of their own, the programme opened an
[entrepreneurship path](/organisations/entrepreneurship/) with local business advisers.

## What the project achieved

- **30** companies ran a cooperation period with an international talent.
- **20** international talents were employed by local small and medium-sized companies.
- **10** new companies were founded by international talents.

## TalentHub today

The original project was funded by the European Union and the Helsinki-Uusimaa Regional
Council, and it ended at the close of 2019. Since 2020 the city of Joensuu has owned
TalentHub and develops it as a permanent part of its employment services.

Talents who find work here settle in the region. The companies that hire them gain new
markets and a broader business culture. Read more [for talents](/for-talents/) and
[for companies](/for-companies/).
"""

ABOUT_FI = """\
TalentHub sai alkunsa Joensuussa vuonna 2018 yksinkertaisesta kysymyksestä: miten
Pohjois-Karjalan pienet yritykset voisivat hyödyntää täällä jo asuvien kansainvälisten
ihmisten osaamista?

## Mistä kaikki alkoi

Paikalliset yritykset halusivat kasvaa ulkomaille, mutta niiltä puuttui ihmisiä, joilla
olisi siihen tarvittava kielitaito, verkostot ja kulttuurintuntemus. Samaan aikaan monet
alueen kansainväliset opiskelijat, puolisot ja ammattilaiset eivät löytäneet osaamistaan
vastaavaa työtä. TalentHub-hanke halusi luoda pysyvän tavan, jolla kaupunki, yritykset,
osaajat ja heitä tukevat organisaatiot tekevät yhteistyötä.

## Miten se toimii

Toimintamallin ytimessä on **yhteistyöjakso**. Osaaja ja yritys työskentelevät sovitun ajan
yhdessä todellisen tavoitteen parissa, esimerkiksi uusille markkinoille pääsemiseksi. Jakso
voi olla yhteinen työjakso, harjoittelu tai kehittämisjakso. Molemmat näkevät, mitä toisella
on tarjota, ennen kuin ne sitoutuvat työsuhteeseen.

Osaajille, jotka haluavat perustaa oman yrityksen, hanke avasi
[yrittäjyyspolun](/organisations/entrepreneurship/) yhdessä paikallisten yritysneuvojien
kanssa.

## Mitä hanke sai aikaan

- **30** yritystä toteutti yhteistyöjakson kansainvälisen osaajan kanssa.
- **20** kansainvälistä osaajaa työllistyi alueen pieniin ja keskisuuriin yrityksiin.
- **10** uutta yritystä syntyi kansainvälisten osaajien perustamana.

## TalentHub nyt

Alkuperäinen hanke sai rahoitusta Euroopan unionilta ja Uudenmaan liitolta, ja se päättyi
vuoden 2019 lopussa. Vuodesta 2020 TalentHub on ollut Joensuun kaupungin oma palvelu, ja
kaupunki kehittää sitä pysyvänä osana työllisyyspalvelujaan.

Täältä työtä löytävät osaajat asettuvat alueelle. Heidät palkkaavat yritykset saavat uusia
markkinoita ja monipuolisemman liiketoimintakulttuurin. Lue lisää
[osaajille](/for-talents/) ja [yrityksille](/for-companies/).
"""

FOR_TALENTS_EN = """\
TalentHub is free for international talents who live in the Joensuu region or plan to move
here. It connects you with local companies that need your skills, languages and networks.

## Your profile

Create a profile with your skills, languages, education and work experience. You choose who
sees it: keep it hidden, show it to companies without your name, or show it in full. You can
add your CV and photo, and change or delete everything at any time.

## Matches

TalentHub compares your profile with the openings that companies publish and tells you when
one matches you well. You decide how often we email you about them.

## Cooperation periods

A cooperation period is a way to work with a company for an agreed time before a job:

- **joint work period** – you and the company work together on a goal, such as a new market;
- **internship** – you learn the company's work, often as part of your studies;
- **development period** – you develop something new with the company, such as a product or
  a service for customers abroad.

Many cooperation periods have led to a job.

## Jobs

Companies also publish ordinary jobs. Browse the [openings](/openings/) and apply in a few
steps. You can follow each application in your profile.

## Starting your own business

If you want to become an entrepreneur, the [entrepreneurship path](/organisations/entrepreneurship/)
tells you where to begin and who can advise you for free.

## Support

Local [support organisations](/organisations/) help with work, studies, language learning and
settling in. You do not need to know everything yourself: ask them.
"""

FOR_TALENTS_FI = """\
TalentHub on maksuton kansainvälisille osaajille, jotka asuvat Joensuun seudulla tai aikovat
muuttaa tänne. Se yhdistää sinut paikallisiin yrityksiin, jotka tarvitsevat osaamistasi,
kielitaitoasi ja verkostojasi.

## Profiilisi

Tee profiili, jossa kerrot osaamisestasi, kielistäsi, koulutuksestasi ja työkokemuksestasi.
Sinä päätät, kuka sen näkee: voit pitää sen piilossa, näyttää sen yrityksille ilman nimeäsi
tai näyttää sen kokonaan. Voit lisätä ansioluettelon ja kuvan. Voit muuttaa tai poistaa
kaiken milloin tahansa.

## Sopivat paikat

TalentHub vertaa profiiliasi yritysten julkaisemiin paikkoihin ja kertoo, kun jokin sopii
sinulle hyvin. Sinä päätät, kuinka usein saat niistä sähköpostia.

## Yhteistyöjaksot

Yhteistyöjaksolla teet yrityksen kanssa töitä sovitun ajan ennen varsinaista työpaikkaa:

- **yhteinen työjakso** – sinä ja yritys työskentelette yhdessä jonkin tavoitteen eteen,
  esimerkiksi uusilla markkinoilla;
- **harjoittelu** – opit yrityksen työtä, usein osana opintojasi;
- **kehittämisjakso** – kehität yrityksen kanssa jotain uutta, esimerkiksi tuotteen tai
  palvelun ulkomaisille asiakkaille.

Moni yhteistyöjakso on johtanut työpaikkaan.

## Työpaikat

Yritykset julkaisevat myös tavallisia työpaikkoja. Selaa [avoimia paikkoja](/openings/) ja
hae muutamalla askeleella. Näet profiilissasi, missä vaiheessa hakemuksesi on.

## Oma yritys

Jos haluat yrittäjäksi, [yrittäjyyspolulta](/organisations/entrepreneurship/) näet, mistä
aloittaa ja kuka neuvoo sinua maksutta.

## Tukea

Alueen [tukiorganisaatiot](/organisations/) auttavat työnhaussa, opiskelussa, kielen
oppimisessa ja kotoutumisessa. Kaikkea ei tarvitse tietää itse: kysy heiltä.
"""

FOR_COMPANIES_EN = """\
TalentHub helps small and medium-sized companies in the Joensuu region find international
talent for growth and internationalisation. The service is free for companies.

## How to take part

1. Sign up as a company representative and register your company. We check it before your
   openings are published.
2. Invite your colleagues to the company's team.
3. Publish an opening: a job or a cooperation period.

## Cooperation periods

A cooperation period lets you work with a talent for an agreed time before you hire. Choose
the form that suits your goal:

- **joint work period** – work together on a concrete goal, such as a market study or the
  first sales in a new country;
- **internship** – give a student or a recent graduate practical experience in your company;
- **development period** – develop a product, a service or a process with someone who knows
  the target market.

You see what the talent can do, and the talent gets to know your company. Many periods have
ended in employment.

## Openings and the talent pool

Talents apply to your openings, and you follow the applications in one place. You can also
search the talent pool for people whose profiles are open to companies and invite them to
apply.

## The internationalisation toolkit

The [toolkit](/toolkit/) has short guides on the right to work, support for hiring,
onboarding, working language and cultural awareness. It is a good place to start if you are
hiring from abroad for the first time.

## Help close by

The city's business and employment services and the [support organisations](/organisations/)
of the region help you plan recruitment and funding.
"""

FOR_COMPANIES_FI = """\
TalentHub auttaa Joensuun seudun pieniä ja keskisuuria yrityksiä löytämään kansainvälisiä
osaajia kasvuun ja kansainvälistymiseen. Palvelu on yrityksille maksuton.

## Näin pääset mukaan

1. Rekisteröidy yrityksen edustajaksi ja rekisteröi yrityksesi. Tarkistamme yrityksen ennen
   kuin sen paikat julkaistaan.
2. Kutsu työkaverisi yrityksen tiimiin.
3. Julkaise paikka: työpaikka tai yhteistyöjakso.

## Yhteistyöjaksot

Yhteistyöjaksolla teet osaajan kanssa töitä sovitun ajan ennen kuin palkkaat. Valitse
tavoitteeseesi sopiva muoto:

- **yhteinen työjakso** – teette yhdessä jotain konkreettista, esimerkiksi markkinaselvityksen
  tai ensimmäiset myynnit uudessa maassa;
- **harjoittelu** – opiskelija tai vastavalmistunut saa yrityksessäsi käytännön kokemusta;
- **kehittämisjakso** – kehität tuotetta, palvelua tai toimintatapaa ihmisen kanssa, joka
  tuntee kohdemarkkinan.

Näet, mitä osaaja osaa, ja osaaja oppii tuntemaan yrityksesi. Moni jakso on päättynyt
työsuhteeseen.

## Paikat ja osaajapooli

Osaajat hakevat paikkoihisi, ja näet hakemukset yhdessä paikassa. Voit myös etsiä
osaajapoolista ihmisiä, jotka ovat avanneet profiilinsa yrityksille, ja kutsua heitä hakemaan.

## Kansainvälistymisen työkalupakki

[Työkalupakissa](/toolkit/) on lyhyet oppaat työnteko-oikeudesta, palkkaamisen tuista,
perehdytyksestä, työkielestä ja kulttuurien tuntemuksesta. Siitä on hyvä aloittaa, jos
palkkaat ulkomailta ensimmäistä kertaa.

## Apua läheltä

Kaupungin yritys- ja työllisyyspalvelut sekä alueen [tukiorganisaatiot](/organisations/)
auttavat suunnittelemaan rekrytointia ja rahoitusta.
"""

PRIVACY_EN = """\
TalentHub processes the personal data that you give us, to connect you with companies and to
run the service. The city of Joensuu is the controller.

## What we process

- **Your account:** name, email address, language and the role you signed up for.
- **Your profile:** skills, languages, education, work experience, availability, and the CV
  and photo you choose to add.
- **Your activity:** applications, messages with companies, cooperation periods and the
  emails we send you.
- **Company representatives:** name, email address and the company they act for.

## Who sees your data

We never show a talent's profile to the public. You decide whether companies may see it, and
whether they see your name. Companies see the applications sent to them. The city's staff
see what they need to verify companies and to help people, and every time they open a
talent's data it is logged.

We use the data without names for statistics on how the service works, for example how many
people found work.

## Your rights

You have the right to see, correct, export and delete your data, and to object to its
processing. Most of this you can do yourself in your profile. For anything else, contact the
city of Joensuu's data protection officer through the city's registry office.

If you think we process your data unlawfully, you can complain to the Data Protection
Ombudsman ([tietosuoja.fi](https://tietosuoja.fi/en/home)).

## The full notice

The full notice, with the purposes, legal bases and retention periods, will be published
here before the service opens to the public.
"""

PRIVACY_FI = """\
TalentHub käsittelee antamiasi henkilötietoja, jotta voimme yhdistää sinut yrityksiin ja
ylläpitää palvelua. Rekisterinpitäjä on Joensuun kaupunki.

## Mitä tietoja käsittelemme

- **Käyttäjätilisi:** nimi, sähköpostiosoite, kieli ja rooli, jolla rekisteröidyit.
- **Profiilisi:** osaaminen, kielet, koulutus, työkokemus, saatavuus sekä ansioluettelo ja
  kuva, jos lisäät ne.
- **Toimintasi:** hakemukset, viestit yritysten kanssa, yhteistyöjaksot ja sinulle
  lähettämämme sähköpostit.
- **Yritysten edustajat:** nimi, sähköpostiosoite ja yritys, jota he edustavat.

## Kuka näkee tietosi

Emme koskaan näytä osaajan profiilia julkisesti. Sinä päätät, saavatko yritykset nähdä sen
ja näkevätkö ne nimesi. Yritykset näkevät niille lähetetyt hakemukset. Kaupungin
henkilökunta näkee sen, mitä se tarvitsee yritysten tarkistamiseen ja ihmisten
auttamiseen, ja jokainen kerta, kun se avaa osaajan tietoja, kirjataan lokiin.

Käytämme tietoja ilman nimiä tilastoihin palvelun toimivuudesta, esimerkiksi siitä, kuinka
moni on löytänyt työtä.

## Oikeutesi

Sinulla on oikeus tarkastaa, korjata, siirtää ja poistaa tietosi sekä vastustaa niiden
käsittelyä. Suurimman osan voit tehdä itse profiilissasi. Muissa asioissa ota yhteyttä
Joensuun kaupungin tietosuojavastaavaan kaupungin kirjaamon kautta.

Jos katsot, että käsittelemme tietojasi lainvastaisesti, voit tehdä valituksen
tietosuojavaltuutetulle ([tietosuoja.fi](https://tietosuoja.fi/etusivu)).

## Koko seloste

Koko seloste, jossa kerrotaan käsittelyn tarkoitukset, oikeusperusteet ja säilytysajat,
julkaistaan tällä sivulla ennen palvelun avaamista yleisölle.
"""

ACCESSIBILITY_EN = """\
The city of Joensuu wants everyone to be able to use TalentHub. This statement covers the
TalentHub service and tells how well it meets the accessibility requirements, what is not
yet accessible and how to give us feedback.

## How accessible the service is

TalentHub **partially meets** the requirements of the Finnish Act on the Provision of Digital
Services and of WCAG 2.1 level AA.

Every page is built to work with a keyboard, with a screen reader and on a small screen.
Our automated tests check the HTML of each main page, and pages are also checked with
axe-core in a browser. This statement is based on that self-assessment; the service has not
been assessed by an outside expert.

## What is not yet accessible

- **Pages without a Finnish text.** Some guides may be shown in English in the Finnish
  version of the site while their translation is being written. The English text is marked
  as English, so screen readers read it correctly.
- **Documents added by users.** CVs and other files that talents and companies upload may not
  be accessible. They are not made by the city, and the law does not require them to be.
- **Staff tools.** The administration pages used by the city's staff have not been assessed.
  They are not open to the public.

We fix the problems we find as part of the service's normal development.

## Give feedback

Did you find a barrier? Tell us with the form below. We answer within **14 days**. You can
also ask for content that is not accessible in another form.

## Supervising authority

If you notice accessibility problems, first give feedback to us, the service provider. If
you are not satisfied with our answer, or get no answer within two weeks, you can report the
matter to the supervising authority. Since 1 January 2026 accessibility is supervised by the
national Lupa- ja valvontavirasto (Finnish Permit and Supervision Agency), which took the
task over from the Regional State Administrative Agency for Southern Finland. Its website
explains how to make the report and how the matter is handled.

**Lupa- ja valvontavirasto**, accessibility supervision:
[saavutettavuusvaatimukset.fi](https://www.saavutettavuusvaatimukset.fi/en)

## About this statement

This statement was drawn up in November 2026 and is updated whenever the service changes in a
way that affects accessibility.
"""

ACCESSIBILITY_FI = """\
Joensuun kaupunki haluaa, että kaikki voivat käyttää TalentHubia. Tämä seloste koskee
TalentHub-palvelua. Siinä kerrotaan, miten palvelu täyttää saavutettavuusvaatimukset, mikä
ei vielä ole saavutettavaa ja miten voit antaa meille palautetta.

## Palvelun saavutettavuus

TalentHub **täyttää osittain** digitaalisten palvelujen tarjoamisesta annetun lain ja
WCAG 2.1 -ohjeiston AA-tason vaatimukset.

Jokainen sivu on tehty toimimaan näppäimistöllä, ruudunlukijalla ja pienellä näytöllä.
Automaattiset testimme tarkistavat jokaisen keskeisen sivun HTML-koodin, ja sivut
tarkistetaan myös axe-core-työkalulla selaimessa. Tämä seloste perustuu tähän
itsearviointiin; ulkopuolinen asiantuntija ei ole arvioinut palvelua.

## Mikä ei vielä ole saavutettavaa

- **Sivut, joilla ei ole suomenkielistä tekstiä.** Osa oppaista voi näkyä sivuston
  suomenkielisessä versiossa englanniksi, kun niiden käännös on vielä tekeillä. Englanninkielinen
  teksti on merkitty englanniksi, joten ruudunlukija lukee sen oikein.
- **Käyttäjien lisäämät asiakirjat.** Osaajien ja yritysten lataamat ansioluettelot ja muut
  tiedostot eivät välttämättä ole saavutettavia. Ne eivät ole kaupungin tekemiä, eikä laki
  edellytä niiltä saavutettavuutta.
- **Henkilökunnan työkalut.** Kaupungin henkilökunnan ylläpitosivuja ei ole arvioitu. Ne
  eivät ole yleisön käytössä.

Korjaamme löytämämme puutteet osana palvelun tavallista kehittämistä.

## Anna palautetta

Huomasitko saavutettavuuspuutteen? Kerro siitä alla olevalla lomakkeella. Vastaamme
**14 päivän** kuluessa. Voit myös pyytää sisältöä, joka ei ole saavutettavaa, jossain
muussa muodossa.

## Valvontaviranomainen

Jos huomaat sivustolla saavutettavuusongelmia, anna ensin palautetta meille eli palvelun
tarjoajalle. Jos et ole tyytyväinen vastaukseen tai et saa vastausta lainkaan kahden viikon
aikana, voit tehdä ilmoituksen valvontaviranomaiselle. Saavutettavuutta valvoo 1.1.2026 alkaen
valtakunnallinen Lupa- ja valvontavirasto, jolle tehtävä siirtyi Etelä-Suomen
aluehallintovirastolta. Sen sivuilla kerrotaan, miten ilmoituksen voi tehdä ja miten asia
käsitellään.

**Lupa- ja valvontavirasto**, saavutettavuuden valvonta:
[saavutettavuusvaatimukset.fi](https://www.saavutettavuusvaatimukset.fi)

## Tästä selosteesta

Seloste on laadittu marraskuussa 2026. Päivitämme sen aina, kun palvelu muuttuu tavalla,
joka vaikuttaa saavutettavuuteen.
"""

TOOLKIT_EN = """\
Hiring someone from abroad for the first time raises many questions. This toolkit gathers
short, practical guides for small and medium-sized companies in the Joensuu region.

Start with the self-assessment to see where your company stands, then read the guides that
matter to you. Rules change: each guide links to the official source to check.
"""

TOOLKIT_FI = """\
Kun yritys palkkaa ensimmäistä kertaa ihmisen ulkomailta, kysymyksiä on paljon. Tähän
työkalupakkiin on koottu lyhyitä ja käytännöllisiä oppaita Joensuun seudun pienille ja
keskisuurille yrityksille.

Aloita itsearvioinnista: näet, missä yrityksesi on nyt. Lue sitten ne oppaat, jotka koskevat
teitä. Säännöt muuttuvat, joten jokaisessa oppaassa on linkki viralliseen lähteeseen.
"""

RIGHT_TO_WORK_EN = """\
Before an international person starts work, the employer must make sure that they have the
right to work in Finland. Who needs what depends mainly on their citizenship.

## EU and EEA citizens

Citizens of the EU, the EEA (Norway, Iceland, Liechtenstein) and Switzerland can work in
Finland without a residence permit. If they stay longer than three months, they register
their right of residence with the Finnish Immigration Service (Migri). Citizens of the other
Nordic countries register with the Digital and Population Data Services Agency instead.
Their family members who are not EU citizens have their own card that shows the right to
work.

## Everyone else

Citizens of other countries need a residence permit that gives the right to work. Common
examples are:

- a residence permit for an employed person, often tied to a field of work;
- a permit for a specialist or an EU Blue Card, for demanding work with higher pay;
- a permit based on family ties, which usually gives an unrestricted right to work;
- a permanent residence permit.

The person applies in Migri's **Enter Finland** online service. When the permit is based on
work for your company, you fill in the employer's part of the application there. Migri has a
faster track for specialists and their families.

## Students

A student with a residence permit for studies may work alongside their studies, but only for
a limited number of hours per week on average. Work that is part of the degree, such as a
compulsory internship or a thesis done for your company, is not limited. Check the current
limit at [migri.fi](https://migri.fi/en/home) before you agree on working hours.

## Your duties as an employer

- **Check the right to work** before the work starts: see the person's residence permit card
  or the decision, and check what work it allows.
- **Keep a record** of the grounds on which the person works for you, and keep it available
  for the occupational safety and health authority for the time the law requires after the
  employment ends.
- **Inform** the shop steward or the employees' representative of the employee's name and the
  collective agreement that applies, when the law requires it.
- **Apply the same terms** to everyone: a foreign employee's pay and terms follow the law and
  the collective agreement like anyone else's.

Employing a person who has no right to work is an offence, so do not skip the check.

## Check the current rules

Permits and their conditions change often. Check the current rules at
[migri.fi](https://migri.fi/en/home) and the employer's duties at
[tyosuojelu.fi](https://www.tyosuojelu.fi/web/en/employment-relationship/foreign-workers).
"""

RIGHT_TO_WORK_FI = """\
Ennen kuin kansainvälinen työntekijä aloittaa työt, työnantajan on varmistettava, että
hänellä on oikeus tehdä työtä Suomessa. Se, mitä tarvitaan, riippuu ennen kaikkea
kansalaisuudesta.

## EU- ja ETA-maiden kansalaiset

EU- ja ETA-maiden (Norja, Islanti, Liechtenstein) sekä Sveitsin kansalaiset saavat tehdä
työtä Suomessa ilman oleskelulupaa. Jos he asuvat Suomessa yli kolme kuukautta, he
rekisteröivät oleskeluoikeutensa Maahanmuuttovirastossa (Migri). Muiden Pohjoismaiden
kansalaiset rekisteröityvät sen sijaan Digi- ja väestötietovirastossa. Heidän perheenjäsenillään,
jotka eivät ole EU-kansalaisia, on oma kortti, josta työnteko-oikeus näkyy.

## Muut

Muiden maiden kansalaiset tarvitsevat oleskeluluvan, joka antaa oikeuden tehdä työtä.
Tavallisia ovat esimerkiksi:

- työntekijän oleskelulupa, joka on usein sidottu tiettyyn alaan;
- erityisasiantuntijan oleskelulupa tai EU:n sininen kortti vaativaan ja paremmin
  palkattuun työhön;
- perhesiteen perusteella myönnetty lupa, joka antaa yleensä rajoittamattoman
  työnteko-oikeuden;
- pysyvä oleskelulupa.

Hakija hakee lupaa Migrin **Enter Finland** -verkkopalvelussa. Kun lupa perustuu työhön
yrityksessäsi, täytät siellä hakemuksen työnantajan osan. Erityisasiantuntijoille ja heidän
perheilleen Migrillä on nopeampi käsittely.

## Opiskelijat

Opiskelijan oleskeluluvalla saa tehdä töitä opintojen ohella, mutta vain rajoitetun määrän
tunteja viikossa keskimäärin. Tutkintoon kuuluvaa työtä, kuten pakollista harjoittelua tai
yrityksellesi tehtävää opinnäytetyötä, ei ole rajoitettu. Tarkista voimassa oleva raja
osoitteesta [migri.fi](https://migri.fi/etusivu) ennen kuin sovitte työajasta.

## Työnantajan velvollisuudet

- **Tarkista työnteko-oikeus** ennen kuin työ alkaa: katso oleskelulupakortti tai päätös ja
  tarkista, millaista työtä se sallii.
- **Säilytä tiedot** siitä, millä perusteella henkilö on töissä yrityksessäsi, ja pidä ne
  työsuojeluviranomaisen saatavilla niin kauan kuin laki edellyttää työsuhteen päätyttyäkin.
- **Ilmoita** luottamusmiehelle tai henkilöstön edustajalle työntekijän nimi ja sovellettava
  työehtosopimus, kun laki sitä edellyttää.
- **Noudata samoja ehtoja** kaikille: ulkomaisen työntekijän palkka ja työehdot määräytyvät
  lain ja työehtosopimuksen mukaan kuten muillakin.

Sellaisen henkilön palkkaaminen, jolla ei ole työnteko-oikeutta, on rikos. Älä siis jätä
tarkistusta tekemättä.

## Tarkista voimassa olevat säännöt

Luvat ja niiden ehdot muuttuvat usein. Tarkista voimassa olevat säännöt osoitteesta
[migri.fi](https://migri.fi/etusivu) ja työnantajan velvollisuudet osoitteesta
[tyosuojelu.fi](https://www.tyosuojelu.fi/tyosuhde/ulkomaiset-tyontekijat).
"""

PAY_SUBSIDY_EN = """\
Public support can lower the cost and the risk of hiring someone new. Most of it is decided
before the work starts, so plan early. This guide gives an overview; the amounts and
conditions change, so check them at the official sources before you decide.

## Pay subsidy (palkkatuki)

Pay subsidy is money the employment services pay to an employer who hires an unemployed
jobseeker whose chances of finding work are weakened, for example by a lack of professional
skills or of Finnish. It covers a part of the pay costs for an agreed time.

- The person must be registered as an unemployed jobseeker with the employment services.
- The subsidy must be granted **before the employment begins**.
- The job must follow the law and the collective agreement, and the subsidy must not distort
  competition or replace other employees.

Since 2025 the employment services have been run by the municipalities; in the Joensuu region
ask the employment services of the region. Check the current conditions at
[tyomarkkinatori.fi](https://tyomarkkinatori.fi/en).

## Trying out the work

A **work trial** lets a jobseeker try the work in your company for a while, organised by the
employment services. It is not an employment relationship and you pay no wages; agree on the
tasks and the guidance in writing first.

## Apprenticeship

In an **apprenticeship** the employee completes a vocational qualification while working for
you, with a written contract. The local vocational education provider plans the studies with
you and may pay training compensation for the guidance you give. Apprenticeship suits
someone who needs a Finnish qualification for the job.

## Training for recruitment

When you need several people with specific skills, the employment services can arrange
**training tailored for recruitment** together with your company, and share its cost.

## Starting a business: the start-up grant

A talent who wants to become a full-time entrepreneur can apply for the **start-up grant**
(starttiraha) from the employment services. It secures their income while the business
starts. It must be applied for **before** the business starts. Point talents to the
[entrepreneurship path](/organisations/entrepreneurship/) and free business advice.

## Developing the company

Business Finland and the state's regional business services fund the development and
internationalisation of small companies, and a new employee can be part of such a project.
Their programmes change; check what is open at
[businessfinland.fi](https://www.businessfinland.fi/en) and ask the region's business
services.

## Where to check

- [Job Market Finland](https://tyomarkkinatori.fi/en): pay subsidy, work trial, start-up grant
- [Suomi.fi for companies](https://www.suomi.fi/companies): hiring and support in one place
- your region's employment and business services: advice on your own case
"""

PAY_SUBSIDY_FI = """\
Julkiset tuet voivat pienentää uuden ihmisen palkkaamisen kustannuksia ja riskiä. Useimmista
päätetään ennen kuin työ alkaa, joten suunnittele ajoissa. Tämä opas antaa yleiskuvan.
Summat ja ehdot muuttuvat, joten tarkista ne virallisista lähteistä ennen päätöstä.

## Palkkatuki

Palkkatuki on rahaa, jota työllisyyspalvelut maksavat työnantajalle, joka palkkaa
työttömän työnhakijan, jonka on vaikea työllistyä esimerkiksi puuttuvan ammattitaidon tai
suomen kielen taidon vuoksi. Se kattaa osan palkkauskustannuksista sovitun ajan.

- Henkilön on oltava ilmoittautunut työttömäksi työnhakijaksi työllisyyspalveluihin.
- Tuki on myönnettävä **ennen kuin työsuhde alkaa**.
- Työn on noudatettava lakia ja työehtosopimusta, eikä tuki saa vääristää kilpailua tai
  syrjäyttää muita työntekijöitä.

Vuodesta 2025 työllisyyspalveluista ovat vastanneet kunnat. Joensuun seudulla kysy alueen
työllisyyspalveluista. Tarkista voimassa olevat ehdot osoitteesta
[tyomarkkinatori.fi](https://tyomarkkinatori.fi).

## Työn kokeileminen

**Työkokeilussa** työnhakija kokeilee työtä yrityksessäsi jonkin aikaa työllisyyspalvelujen
järjestämänä. Se ei ole työsuhde, etkä maksa palkkaa. Sopikaa tehtävistä ja ohjauksesta
ensin kirjallisesti.

## Oppisopimus

**Oppisopimuksessa** työntekijä suorittaa ammatillisen tutkinnon samalla kun hän tekee
työtä yrityksessäsi kirjallisella sopimuksella. Alueen ammatillinen oppilaitos suunnittelee
opinnot kanssasi ja voi maksaa koulutuskorvausta antamastasi ohjauksesta. Oppisopimus sopii,
kun työssä tarvitaan suomalainen tutkinto.

## Koulutus rekrytoinnin tueksi

Kun tarvitset useita ihmisiä, joilla on tietty osaaminen, työllisyyspalvelut voivat
järjestää yrityksesi kanssa **rekrytointia tukevan koulutuksen** ja jakaa sen kustannukset.

## Oman yrityksen aloittaminen: starttiraha

Osaaja, joka haluaa päätoimiseksi yrittäjäksi, voi hakea työllisyyspalveluista
**starttirahaa**. Se turvaa toimeentulon, kun yritys käynnistyy. Sitä on haettava **ennen**
kuin yritystoiminta alkaa. Ohjaa osaajat [yrittäjyyspolulle](/organisations/entrepreneurship/)
ja maksuttomaan yritysneuvontaan.

## Yrityksen kehittäminen

Business Finland ja valtion alueelliset yrityspalvelut rahoittavat pienten yritysten
kehittämistä ja kansainvälistymistä, ja uusi työntekijä voi olla osa tällaista hanketta.
Ohjelmat muuttuvat, joten tarkista avoimet haut osoitteesta
[businessfinland.fi](https://www.businessfinland.fi) ja kysy alueen yrityspalveluista.

## Mistä tarkistaa

- [Työmarkkinatori](https://tyomarkkinatori.fi): palkkatuki, työkokeilu, starttiraha
- [Suomi.fi yrityksille](https://www.suomi.fi/yritykselle): palkkaaminen ja tuet yhdessä
  paikassa
- alueesi työllisyys- ja yrityspalvelut: neuvoja omaan tilanteeseesi
"""

ONBOARDING_EN = """\
Good onboarding helps a new employee become productive sooner and stay longer. Someone who
has just moved to Finland needs a little more: help with practical matters, and clear
information in a language they understand.

## Before the first day

- **Check the right to work** (see the guide on the right to work).
- **Agree on the terms in writing.** Give the employee the main terms of employment in
  writing, in a language they understand, even when the contract is made orally.
- **Help with the practical steps:** a Finnish personal identity code, a tax card from the
  Tax Administration, a bank account and, if needed, registering in the municipality.
  [InfoFinland](https://www.infofinland.fi/en) explains each step in many languages.
- **Name a buddy.** A colleague who answers everyday questions is worth more than a thick
  folder.

## The first week

- Introduce the team, the premises and the customers.
- Go through **safety at work**. The employer must make sure every employee knows how to work
  safely; do it in a language the employee understands, and check that they did.
- Explain how the company works: who decides what, how to ask for help, working hours,
  breaks, sick leave and holidays.
- Arrange the employer's **occupational health care** for the new employee too.

## The first months

- Set clear goals for the first month and the first three months, and meet regularly to go
  through them.
- Ask what is unclear. Many newcomers do not ask, because in their earlier workplaces it was
  not expected.
- Support language learning (see the guide on working language).
- Help the family settle: a spouse who finds work or friends is a strong reason for the whole
  family to stay.

## Written material

Keep the most important instructions short and in plain language. Pictures, checklists and
videos help more than long text. Translate the key safety instructions if needed.

## After the trial period

Ask for feedback on the onboarding and improve it for the next person. A short conversation
at the end of the trial period tells you a lot.

## Where to check

- [InfoFinland](https://www.infofinland.fi/en): moving to Finland, in many languages
- [tyosuojelu.fi](https://www.tyosuojelu.fi/web/en): the employer's duties, induction and
  safety
- [vero.fi](https://www.vero.fi/en/individuals/): the tax card for a new employee
"""

ONBOARDING_FI = """\
Hyvä perehdytys auttaa uutta työntekijää pääsemään nopeammin vauhtiin ja jäämään pidemmäksi
aikaa. Suomeen juuri muuttanut tarvitsee hieman enemmän: apua käytännön asioissa ja
selkeää tietoa kielellä, jota hän ymmärtää.

## Ennen ensimmäistä päivää

- **Tarkista työnteko-oikeus** (katso opas työnteko-oikeudesta).
- **Sopikaa ehdot kirjallisesti.** Anna työntekijälle työsuhteen keskeiset ehdot
  kirjallisina kielellä, jota hän ymmärtää, vaikka sopimus olisi tehty suullisesti.
- **Auta käytännön asioissa:** suomalainen henkilötunnus, verokortti Verohallinnosta,
  pankkitili ja tarvittaessa kotikunnan rekisteröinti.
  [InfoFinland](https://www.infofinland.fi) kertoo jokaisesta vaiheesta monella kielellä.
- **Nimeä työkaveri tueksi.** Kollega, joka vastaa arjen kysymyksiin, on arvokkaampi kuin
  paksu kansio.

## Ensimmäinen viikko

- Esittele tiimi, tilat ja asiakkaat.
- Käy läpi **työturvallisuus**. Työnantajan on varmistettava, että jokainen työntekijä osaa
  tehdä työnsä turvallisesti. Tee se kielellä, jota työntekijä ymmärtää, ja varmista, että
  hän ymmärsi.
- Kerro, miten yritys toimii: kuka päättää mistäkin, miten apua pyydetään, työajat, tauot,
  sairauspoissaolot ja lomat.
- Järjestä **työterveyshuolto** myös uudelle työntekijälle.

## Ensimmäiset kuukaudet

- Aseta selkeät tavoitteet ensimmäiselle kuukaudelle ja kolmelle ensimmäiselle kuukaudelle,
  ja tapaa säännöllisesti niiden läpikäymiseksi.
- Kysy, mikä on epäselvää. Moni uusi tulija ei kysy itse, koska aiemmissa työpaikoissa sitä
  ei odotettu.
- Tue kielen oppimista (katso opas työkielestä).
- Auta perhettä asettumaan: puoliso, joka löytää työtä tai ystäviä, on vahva syy koko
  perheelle jäädä.

## Kirjallinen materiaali

Pidä tärkeimmät ohjeet lyhyinä ja selkeällä kielellä. Kuvat, tarkistuslistat ja videot
auttavat enemmän kuin pitkä teksti. Käännä tärkeimmät turvallisuusohjeet tarvittaessa.

## Koeajan jälkeen

Pyydä palautetta perehdytyksestä ja paranna sitä seuraavaa varten. Lyhyt keskustelu
koeajan lopussa kertoo paljon.

## Mistä tarkistaa

- [InfoFinland](https://www.infofinland.fi): Suomeen muuttaminen monella kielellä
- [tyosuojelu.fi](https://www.tyosuojelu.fi): työnantajan velvollisuudet, perehdytys ja
  turvallisuus
- [vero.fi](https://www.vero.fi/henkiloasiakkaat/): uuden työntekijän verokortti
"""

WORKING_LANGUAGE_EN = """\
Many international professionals do excellent work in English while they learn Finnish. A
small company can make that work with a few conscious choices.

## Choose the working language

Decide which language is used for what, and tell everyone:

- meetings: Finnish, English, or both with a short summary in the other;
- written instructions and the intranet: at least the essential ones in both languages;
- customers: who serves customers in which language.

A shared language in meetings keeps everyone included. Switching to Finnish over coffee is
natural, but remember who is at the table.

## Plain Finnish helps everyone

Plain Finnish (selkeä suomi) means clear, everyday language: short sentences, common words,
one thing at a time. For people who are still learning, there is also **Easy Finnish**
(selkosuomi), a simplified form of the language with its own guidelines.

Tips for speaking and writing:

- say the main thing first;
- use common words instead of jargon and abbreviations, or explain them;
- speak calmly, not louder;
- check that you were understood by asking an open question, not "Did you understand?";
- write the most important things down after a meeting.

The Finnish Centre for Easy Language ([selkokeskus.fi](https://selkokeskus.fi/in-english/))
publishes guidelines and training.

## Learning Finnish at work

Finnish is often the key to staying in the region and to advancing at work. The workplace is
a good place to learn it:

- agree with the employee on which situations they try in Finnish, and let them practise
  without hurry;
- make a short glossary of the words of your trade;
- offer a language buddy and be patient: speaking slowly is not the same as speaking
  poorly;
- allow time for a course if you can: many courses, including online ones, can be taken
  alongside work.

Ask the region's employment services and adult education providers about Finnish courses for
working people.

## Safety comes first

Whatever the working language, safety instructions must be understood. Check understanding
in practice, and translate the most important instructions if needed.

## Where to check

- [selkokeskus.fi](https://selkokeskus.fi/in-english/): plain and easy language
- [InfoFinland: Finnish and Swedish courses](https://www.infofinland.fi/en/finnish-and-swedish):
  where to study
- [Kotus](https://www.kotus.fi/en): the Institute for the Languages of Finland
"""

WORKING_LANGUAGE_FI = """\
Moni kansainvälinen ammattilainen tekee erinomaista työtä englanniksi samalla, kun hän
opettelee suomea. Pienessäkin yrityksessä se onnistuu muutamalla tietoisella valinnalla.

## Valitse työkieli

Päättäkää, mitä kieltä käytetään missäkin, ja kertokaa se kaikille:

- kokoukset: suomi, englanti tai molemmat lyhyellä yhteenvedolla toisella kielellä;
- kirjalliset ohjeet ja intranet: ainakin tärkeimmät molemmilla kielillä;
- asiakkaat: kuka palvelee asiakkaita millä kielellä.

Yhteinen kieli kokouksissa pitää kaikki mukana. Kahvipöydässä suomeen vaihtaminen on
luontevaa, mutta muista, ketä pöydässä istuu.

## Selkeä suomi auttaa kaikkia

Selkeä suomi on selvää arkikieltä: lyhyitä lauseita, tuttuja sanoja ja yksi asia kerrallaan.
Kieltä vasta opetteleville on lisäksi **selkosuomi**, yksinkertaistettu kielimuoto, jolla on
omat ohjeensa.

Vinkkejä puhumiseen ja kirjoittamiseen:

- sano tärkein asia ensin;
- käytä tuttuja sanoja ammattislangin ja lyhenteiden sijaan, tai selitä ne;
- puhu rauhallisesti, ei kovempaa;
- varmista, että sinut ymmärrettiin, avoimella kysymyksellä, ei kysymällä "Ymmärsitkö?";
- kirjoita tärkeimmät asiat muistiin kokouksen jälkeen.

Selkokeskus ([selkokeskus.fi](https://selkokeskus.fi)) julkaisee ohjeita ja järjestää
koulutusta.

## Suomen oppiminen työssä

Suomen kieli on usein avain alueelle jäämiseen ja työssä etenemiseen. Työpaikka on hyvä
paikka oppia sitä:

- sopikaa työntekijän kanssa, missä tilanteissa hän kokeilee suomea, ja antakaa hänen
  harjoitella rauhassa;
- tehkää lyhyt sanasto oman alanne sanoista;
- tarjoa kielikaveri ja ole kärsivällinen: hidas puhe ei ole huonoa puhetta;
- anna mahdollisuuksien mukaan aikaa kurssille: monet kurssit, myös verkossa, voi käydä
  työn ohessa.

Kysy alueen työllisyyspalveluista ja aikuiskoulutuksen järjestäjiltä suomen kursseista
työssäkäyville.

## Turvallisuus ensin

Työkielestä riippumatta turvallisuusohjeet on ymmärrettävä. Varmista ymmärtäminen
käytännössä ja käännä tärkeimmät ohjeet tarvittaessa.

## Mistä tarkistaa

- [selkokeskus.fi](https://selkokeskus.fi): selkeä kieli ja selkokieli
- [InfoFinland: suomen ja ruotsin kurssit](https://www.infofinland.fi/fi/finnish-and-swedish):
  missä opiskella
- [Kotus](https://www.kotus.fi): Kotimaisten kielten keskus
"""

CULTURAL_AWARENESS_EN = """\
Every workplace has its own culture, and so does every country. Knowing a little about the
differences prevents misunderstandings and makes the whole team work better. The point is
not to learn rules about nationalities, but to talk openly about how you work.

## Finnish working culture, seen from outside

Newcomers often notice that in Finland:

- people are on first-name terms and the hierarchy is low: employees are expected to act on
  their own and to say if something does not work;
- people say things directly and briefly, and silence in a conversation is not a problem;
- times and agreements are kept, and a "yes" is meant as a promise;
- work and free time are kept apart.

What feels normal to you may be new to someone else. Explain these things instead of
expecting people to guess them.

## Feedback and asking for help

In some cultures, questioning a manager or admitting that you do not understand is
impolite. Say clearly that questions are welcome, give feedback in private and specifically,
and ask for the employee's views in one-to-one talks, not only in meetings.

## Everyday things that matter

- **Names:** learn to say your colleague's name right, and ask how they want to be called.
- **Food and drink:** at shared events, offer choices without alcohol, pork or meat.
- **Holidays and faith:** be flexible with holidays and prayer times when the work allows.
  Explain Finnish holidays too: why the whole country is on holiday in July.
- **Social life:** coffee breaks and small events build trust. Invite everyone, and make
  taking part voluntary, sauna included.

## Equal treatment

Finnish law forbids discrimination at work on the grounds of origin, nationality, language,
religion and other personal characteristics, in recruitment as well. Assess applicants by
the skills the job needs: requiring perfect Finnish for a job that does not need it can
itself be discrimination. Larger employers must also have a written plan for equal
treatment; check what applies to your company at
[yhdenvertaisuus.fi](https://yhdenvertaisuus.fi/en/frontpage).

## Learning together

A diverse team brings new markets, ideas and ways of working. Ask your international
employee what they have noticed in your company, and what worked well in their earlier
workplaces. You may learn as much as they do.

## Where to check

- [yhdenvertaisuus.fi](https://yhdenvertaisuus.fi/en/frontpage): equality and
  non-discrimination
- [tyosuojelu.fi](https://www.tyosuojelu.fi/web/en): discrimination at work
- [InfoFinland](https://www.infofinland.fi/en): life in Finland, for your employee
"""

CULTURAL_AWARENESS_FI = """\
Jokaisella työpaikalla on oma kulttuurinsa, ja niin on jokaisella maallakin. Kun tuntee
eroja edes vähän, väärinkäsityksiä syntyy vähemmän ja koko tiimi toimii paremmin. Tarkoitus
ei ole opetella sääntöjä kansallisuuksista, vaan puhua avoimesti siitä, miten teillä
tehdään työtä.

## Suomalainen työkulttuuri ulkopuolisen silmin

Uudet tulijat huomaavat usein, että Suomessa:

- sinutellaan ja hierarkia on matala: työntekijän odotetaan toimivan itsenäisesti ja
  sanovan, jos jokin ei toimi;
- asiat sanotaan suoraan ja lyhyesti, eikä hiljaisuus keskustelussa ole ongelma;
- ajoista ja sopimuksista pidetään kiinni, ja "kyllä" tarkoittaa lupausta;
- työ ja vapaa-aika pidetään erillään.

Se, mikä sinusta tuntuu tavalliselta, voi olla toiselle uutta. Kerro nämä asiat ääneen,
äläkä odota, että ne arvataan.

## Palaute ja avun pyytäminen

Joissakin kulttuureissa esihenkilön kyseenalaistaminen tai sen myöntäminen, ettei ymmärrä,
on epäkohteliasta. Sano selvästi, että kysymykset ovat tervetulleita, anna palautetta
kahden kesken ja konkreettisesti, ja kysy työntekijän näkemyksiä kahdenkeskisissä
keskusteluissa, ei vain kokouksissa.

## Arjen asiat, joilla on merkitystä

- **Nimet:** opettele sanomaan työkaverisi nimi oikein ja kysy, miten häntä kutsutaan.
- **Ruoka ja juoma:** tarjoa yhteisissä tilaisuuksissa vaihtoehtoja ilman alkoholia,
  sianlihaa tai lihaa.
- **Juhlapyhät ja uskonto:** jousta lomissa ja rukousajoissa, kun työ sen sallii. Kerro
  myös suomalaisista juhlapyhistä: miksi koko maa lomailee heinäkuussa.
- **Yhteisöllisyys:** kahvitauot ja pienet tilaisuudet rakentavat luottamusta. Kutsu
  kaikki mukaan, ja pidä osallistuminen vapaaehtoisena, myös saunassa.

## Yhdenvertainen kohtelu

Suomen laki kieltää työssä syrjinnän alkuperän, kansalaisuuden, kielen, uskonnon ja muiden
henkilöön liittyvien syiden perusteella, myös rekrytoinnissa. Arvioi hakijoita työn
vaatiman osaamisen perusteella: täydellisen suomen vaatiminen työhön, joka ei sitä tarvitse,
voi itsessään olla syrjintää. Suuremmilla työnantajilla on lisäksi oltava kirjallinen
yhdenvertaisuussuunnitelma. Tarkista, mikä koskee yritystäsi, osoitteesta
[yhdenvertaisuus.fi](https://yhdenvertaisuus.fi).

## Oppiminen yhdessä

Monimuotoinen tiimi tuo uusia markkinoita, ideoita ja toimintatapoja. Kysy kansainväliseltä
työntekijältäsi, mitä hän on huomannut yrityksessänne ja mikä toimi hyvin hänen aiemmissa
työpaikoissaan. Voit oppia yhtä paljon kuin hän.

## Mistä tarkistaa

- [yhdenvertaisuus.fi](https://yhdenvertaisuus.fi): yhdenvertaisuus ja syrjimättömyys
- [tyosuojelu.fi](https://www.tyosuojelu.fi): syrjintä työssä
- [InfoFinland](https://www.infofinland.fi): elämä Suomessa, työntekijällesi
"""

PAGES = [
    # (slug, kind, position, title_en, title_fi, summary_en, summary_fi, body_en, body_fi)
    (
        "about",
        "page",
        0,
        "About TalentHub",
        "Tietoa TalentHubista",
        "How TalentHub Joensuu began, how the cooperation model works and what it has achieved.",
        "Miten TalentHub Joensuu sai alkunsa, miten sen yhteistyömalli toimii ja mitä sillä on "
        "saatu aikaan.",
        ABOUT_EN,
        ABOUT_FI,
    ),
    (
        "for-talents",
        "page",
        0,
        "For international talents",
        "Kansainvälisille osaajille",
        "A free service for international talents: a profile, matching openings, cooperation "
        "periods, jobs and a path to entrepreneurship.",
        "Maksuton palvelu kansainvälisille osaajille: profiili, sopivat paikat, "
        "yhteistyöjaksot, työpaikat ja polku yrittäjyyteen.",
        FOR_TALENTS_EN,
        FOR_TALENTS_FI,
    ),
    (
        "for-companies",
        "page",
        0,
        "For companies",
        "Yrityksille",
        "How small and medium-sized companies find international talent through cooperation "
        "periods, openings and the talent pool.",
        "Miten pienet ja keskisuuret yritykset löytävät kansainvälisiä osaajia "
        "yhteistyöjaksojen, avoimien paikkojen ja osaajapoolin avulla.",
        FOR_COMPANIES_EN,
        FOR_COMPANIES_FI,
    ),
    (
        "privacy",
        "page",
        0,
        "Privacy notice",
        "Tietosuojaseloste",
        "What personal data TalentHub processes, who sees it and what your rights are.",
        "Mitä henkilötietoja TalentHub käsittelee, kuka niitä näkee ja mitkä ovat oikeutesi.",
        PRIVACY_EN,
        PRIVACY_FI,
    ),
    (
        "accessibility",
        "page",
        0,
        "Accessibility statement",
        "Saavutettavuusseloste",
        "How accessible TalentHub is, what is not yet accessible and how to give feedback.",
        "Miten saavutettava TalentHub on, mikä ei vielä ole saavutettavaa ja miten voit antaa "
        "palautetta.",
        ACCESSIBILITY_EN,
        ACCESSIBILITY_FI,
    ),
    (
        "toolkit",
        "page",
        0,
        "Internationalisation toolkit",
        "Kansainvälistymisen työkalupakki",
        "Practical guides for companies hiring international talent: the right to work, "
        "support, onboarding, working language and culture.",
        "Käytännön oppaita yrityksille, jotka palkkaavat kansainvälisiä osaajia: "
        "työnteko-oikeus, tuet, perehdytys, työkieli ja kulttuuri.",
        TOOLKIT_EN,
        TOOLKIT_FI,
    ),
    (
        "right-to-work",
        "guide",
        1,
        "The right to work and residence permits",
        "Työnteko-oikeus ja oleskeluluvat",
        "Who needs a residence permit to work in Finland, how students may work, and what the "
        "employer must check and keep.",
        "Kuka tarvitsee oleskeluluvan työntekoon Suomessa, miten opiskelijat saavat tehdä töitä "
        "ja mitä työnantajan on tarkistettava ja säilytettävä.",
        RIGHT_TO_WORK_EN,
        RIGHT_TO_WORK_FI,
    ),
    (
        "pay-subsidy",
        "guide",
        2,
        "Pay subsidy and other support for hiring",
        "Palkkatuki ja muut tuet palkkaamiseen",
        "Pay subsidy, work trials, apprenticeship, the start-up grant and development funding: "
        "what they are and where to check them.",
        "Palkkatuki, työkokeilu, oppisopimus, starttiraha ja kehittämisrahoitus: mitä ne ovat "
        "ja mistä ne tarkistetaan.",
        PAY_SUBSIDY_EN,
        PAY_SUBSIDY_FI,
    ),
    (
        "onboarding",
        "guide",
        3,
        "Onboarding an international employee",
        "Kansainvälisen työntekijän perehdytys",
        "What to do before the first day, in the first week and in the first months, so that a "
        "newcomer settles in and stays.",
        "Mitä tehdä ennen ensimmäistä päivää, ensimmäisellä viikolla ja ensimmäisinä "
        "kuukausina, jotta uusi tulija kotiutuu ja jää.",
        ONBOARDING_EN,
        ONBOARDING_FI,
    ),
    (
        "working-language",
        "guide",
        4,
        "Working language and plain Finnish",
        "Työkieli ja selkeä suomi",
        "Choosing the working language, speaking and writing plain Finnish, and learning "
        "Finnish at work.",
        "Työkielen valinta, selkeä suomi puheessa ja kirjoituksessa sekä suomen oppiminen työssä.",
        WORKING_LANGUAGE_EN,
        WORKING_LANGUAGE_FI,
    ),
    (
        "cultural-awareness",
        "guide",
        5,
        "Cultural awareness at work",
        "Kulttuurien tuntemus työpaikalla",
        "Finnish working culture seen from outside, feedback, everyday practices and equal "
        "treatment in a diverse team.",
        "Suomalainen työkulttuuri ulkopuolisen silmin, palaute, arjen käytännöt ja "
        "yhdenvertainen kohtelu monimuotoisessa tiimissä.",
        CULTURAL_AWARENESS_EN,
        CULTURAL_AWARENESS_FI,
    ),
]

FIELDS = (
    "kind",
    "position",
    "title_en",
    "title_fi",
    "summary_en",
    "summary_fi",
    "body_en",
    "body_fi",
)


def pages_seed(page_model, *, kinds=("page", "guide"), using="default") -> None:
    """Create the seeded pages of these kinds that are missing (the model may be historical)."""
    for slug, kind, *values in PAGES:
        if kind in kinds:
            page_model.objects.using(using).get_or_create(
                slug=slug, defaults=dict(zip(FIELDS, [kind, *values], strict=True))
            )
