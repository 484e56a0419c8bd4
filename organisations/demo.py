"""Demo support organisations of North Karelia: the services a talent in Joensuu meets.

The websites are the organisations' public ones; the email addresses are made up on the
reserved .example domain.
"""

from django.db import transaction

from .models import Organisation, OrganisationLanguage, OrganisationService, Service

JOENSUU = "167"

ORGANISATIONS = [
    {
        "slug": "business-joensuu",
        "name": "Business Joensuu",
        "description_en": (
            "The regional development company of Joensuu. Free, confidential advice for "
            "anyone starting or growing a business: testing the idea, the business plan and "
            "calculations, funding and the company form."
        ),
        "description_fi": (
            "Joensuun seudun kehitysyhtiö. Maksutonta ja luottamuksellista neuvontaa yritystä "
            "perustaville ja kasvattaville: liikeidean testaus, liiketoimintasuunnitelma ja "
            "laskelmat, rahoitus ja yritysmuodon valinta."
        ),
        "email": "yritysneuvonta@businessjoensuu.example",
        "website": "https://www.businessjoensuu.fi",
        "street_address": "Länsikatu 15, 80110 Joensuu",
        "services": [Service.ENTREPRENEURSHIP, Service.FUNDING, Service.NETWORKING],
        "languages": ["fi", "en"],
    },
    {
        "slug": "international-house-joensuu",
        "name": "International House Joensuu – Luotsi",
        "description_en": (
            "The City of Joensuu’s service point for people who have moved to the region. "
            "Guidance on residence, registering, housing, language courses and finding work, "
            "in many languages."
        ),
        "description_fi": (
            "Joensuun kaupungin palvelupiste alueelle muuttaneille. Ohjausta oleskeluun, "
            "rekisteröitymiseen, asumiseen, kielikursseihin ja työnhakuun monella kielellä."
        ),
        "email": "luotsi@joensuu.example",
        "website": "https://www.joensuu.fi",
        "services": [
            Service.INTEGRATION,
            Service.WORK_PERMITS,
            Service.LANGUAGE_COURSES,
            Service.NETWORKING,
        ],
        "languages": ["fi", "en", "ru", "uk", "ar"],
    },
    {
        "slug": "north-karelia-employment-services",
        "name": "North Karelia Employment Area",
        "description_en": (
            "The public employment services of the Joensuu region. Job seeking and training, "
            "integration training in Finnish, the start-up grant for new entrepreneurs, and "
            "help for employers who recruit."
        ),
        "description_fi": (
            "Joensuun seudun julkiset työllisyyspalvelut. Työnhaku ja koulutus, "
            "kotoutumiskoulutus, starttiraha uudelle yrittäjälle sekä apua rekrytoiville "
            "työnantajille."
        ),
        "email": "tyollisyyspalvelut@joensuu.example",
        "website": "https://tyomarkkinatori.fi/en",
        "services": [
            Service.FUNDING,
            Service.RECRUITMENT,
            Service.INTERNSHIPS,
            Service.LANGUAGE_COURSES,
            Service.EDUCATION,
        ],
        "languages": ["fi", "en", "ru"],
    },
    {
        "slug": "karelia-university-of-applied-sciences",
        "name": "Karelia University of Applied Sciences",
        "description_en": (
            "Degree programmes in English and Finnish, continuing education and Finnish "
            "courses. Students do internships and projects in local companies, and the "
            "start-up services help students and alumni turn ideas into businesses."
        ),
        "description_fi": (
            "Tutkintoja englanniksi ja suomeksi, täydennyskoulutusta ja suomen kielen "
            "kursseja. Opiskelijat tekevät harjoitteluja ja projekteja paikallisissa "
            "yrityksissä, ja yrityspalvelut auttavat opiskelijoita ja alumneja yrittäjiksi."
        ),
        "email": "info@karelia.example",
        "website": "https://www.karelia.fi/en/",
        "street_address": "Tikkarinne 9, 80200 Joensuu",
        "services": [
            Service.EDUCATION,
            Service.INTERNSHIPS,
            Service.LANGUAGE_COURSES,
            Service.ENTREPRENEURSHIP,
        ],
        "languages": ["fi", "en"],
    },
    {
        "slug": "uef-career-services",
        "name": "University of Eastern Finland, Career Services",
        "description_en": (
            "Career guidance for the university’s international students and graduates, and "
            "a link for companies looking for interns, thesis workers and experts."
        ),
        "description_fi": (
            "Urapalveluja yliopiston kansainvälisille opiskelijoille ja valmistuneille sekä "
            "yhteys yrityksille, jotka etsivät harjoittelijoita, opinnäytetyön tekijöitä ja "
            "asiantuntijoita."
        ),
        "email": "careers@uef.example",
        "website": "https://www.uef.fi/en",
        "street_address": "Yliopistokatu 2, 80100 Joensuu",
        "services": [
            Service.RECRUITMENT,
            Service.INTERNSHIPS,
            Service.EDUCATION,
            Service.NETWORKING,
        ],
        "languages": ["fi", "en"],
    },
    {
        "slug": "riveria",
        "name": "Riveria",
        "description_en": (
            "Vocational education and training in North Karelia: qualifications, "
            "apprenticeships, Finnish for working life, and training tailored for employers."
        ),
        "description_fi": (
            "Ammatillista koulutusta Pohjois-Karjalassa: tutkintoja, oppisopimuksia, työelämän "
            "suomea ja työnantajien tarpeisiin räätälöityä koulutusta."
        ),
        "email": "info@riveria.example",
        "website": "https://www.riveria.fi",
        "services": [Service.EDUCATION, Service.LANGUAGE_COURSES, Service.INTERNSHIPS],
        "languages": ["fi", "en"],
    },
    {
        "slug": "joensuu-science-park",
        "name": "Joensuu Science Park",
        "description_en": (
            "Business premises and a community of start-ups and technology companies in the "
            "centre of Joensuu. Events and meetups where new entrepreneurs find partners "
            "and customers."
        ),
        "description_fi": (
            "Toimitiloja sekä startup- ja teknologiayritysten yhteisö Joensuun keskustassa. "
            "Tapahtumia, joissa uusi yrittäjä löytää kumppaneita ja asiakkaita."
        ),
        "email": "tiedepuisto@joensuu.example",
        "street_address": "Länsikatu 15, 80110 Joensuu",
        "services": [Service.NETWORKING, Service.ENTREPRENEURSHIP],
        "languages": ["fi", "en"],
    },
    {
        "slug": "finnvera-joensuu",
        "name": "Finnvera, Joensuu office",
        "description_en": (
            "The state-owned financing company. Loans and guarantees for new and growing "
            "companies when the entrepreneur’s own money or a bank loan is not enough."
        ),
        "description_fi": (
            "Valtion omistama rahoitusyhtiö. Lainoja ja takauksia aloittaville ja kasvaville "
            "yrityksille, kun yrittäjän omat rahat tai pankkilaina eivät riitä."
        ),
        "email": "joensuu@finnvera.example",
        "website": "https://www.finnvera.fi/eng",
        "services": [Service.FUNDING],
        "languages": ["fi", "sv", "en"],
    },
    {
        "slug": "migri-joensuu",
        "name": "Finnish Immigration Service (Migri), Joensuu service point",
        "description_en": (
            "Residence permits for work, studies and self-employed persons, and their "
            "extensions. Book an appointment to prove your identity after applying online."
        ),
        "description_fi": (
            "Oleskeluluvat työhön, opiskeluun ja elinkeinonharjoittajille sekä niiden "
            "jatkoluvat. Varaa aika tunnistautumiseen, kun olet hakenut lupaa verkossa."
        ),
        "email": "joensuu@migri.example",
        "website": "https://migri.fi/en/home",
        "services": [Service.WORK_PERMITS],
        "languages": ["fi", "sv", "en"],
    },
]


@transaction.atomic
def seed_demo() -> None:
    """Create the demo organisations that are missing; existing ones are left as they are."""
    for data in ORGANISATIONS:
        fields = dict(data)
        slug = fields.pop("slug")
        services = fields.pop("services")
        languages = fields.pop("languages")
        organisation, created = Organisation.objects.get_or_create(
            slug=slug, defaults={**fields, "municipality": JOENSUU}
        )
        if not created:
            continue
        OrganisationService.objects.bulk_create(
            [OrganisationService(organisation=organisation, service=code) for code in services]
        )
        OrganisationLanguage.objects.bulk_create(
            [OrganisationLanguage(organisation=organisation, language=code) for code in languages]
        )
