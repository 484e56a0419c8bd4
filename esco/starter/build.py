"""Build the ESCO starter taxonomy that TalentHub ships as its embedded default.

The dev server and the tests need real ESCO data, but the full official export
(tens of MB) must not be copied into the repository. This script extracts a
small, self-consistent subset from the full ESCO v1.1.1 CSV export: about fifty
occupations relevant to SMEs in North Karelia, a few hundred of their essential
skills plus some must-have skills (with the broader skills and skill groups
above them), and the ISCO groups, relations and Finnish/Swedish labels that
belong to them.

Rows are copied unmodified, with the original header, column order and line
endings, so the subset keeps the quirks of the official files. To regenerate
it (for example after editing the lists below), run from the repository root:

    python esco/starter/build.py /work/shared/esco esco/starter
"""

import argparse
import csv
from collections import Counter
from pathlib import Path

# Exact English preferredLabel values from occupations_en.csv.
OCCUPATIONS = [
    # ICT
    "software developer",
    "web developer",
    "ICT system administrator",
    "data analyst",
    "ICT help desk agent",
    "user interface designer",
    "user experience analyst",
    "cloud engineer",
    # Forest and wood industry
    "forest worker",
    "forestry equipment operator",
    "forestry machinery technician",
    "sawmill operator",
    "carpenter",
    "wood products assembler",
    "furniture assembler",
    "wooden furniture machine operator",
    # Technology and manufacturing
    "mechanical engineer",
    "mechanical engineering technician",
    "welder",
    "computer numerical control machine operator",
    "electrician",
    "industrial machinery mechanic",
    # Tourism and hospitality
    "hospitality establishment receptionist",
    "tourist guide",
    "cook",
    "waiter/waitress",
    "room attendant",
    "housekeeping supervisor",
    # Health care
    "nurse responsible for general care",
    "nurse assistant",
    "healthcare assistant",
    "home care aide",
    "care at home worker",
    "physiotherapist",
    # Logistics
    "warehouse worker",
    "forklift operator",
    "cargo vehicle driver",
    "logistics and distribution manager",
    "supply chain assistant",
    # Cleaning
    "building cleaner",
    "domestic cleaner",
    # Business
    "marketing assistant",
    "commercial sales representative",
    "accountant",
    "bookkeeper",
    "retail entrepreneur",
    "business developer",
]

# Exact English preferredLabel values from skills_en.csv, included even when no
# chosen occupation has them as essential skills.
MUST_HAVE_SKILLS = [
    "Python (computer programming)",
    "computer programming",
    "JavaScript",
    "SQL",
    "operate forklift",
    "Finnish",
    "English",
    "Swedish",
    "customer service",
    "teamwork principles",
    "use microsoft office",
    # Its relations have an empty skillType in the official data (a quirk to keep).
    "implement cloud security and compliance",
]

# Per occupation, keep this many essential skills, those shared by the most
# chosen occupations first (ties in file order).
MAX_ESSENTIAL_PER_OCCUPATION = 10


def line_ending(path):
    """The official files end lines with CRLF, except fi/occupations_fi.csv (LF); keep each."""
    with path.open("rb") as f:
        return "\r\n" if f.readline().endswith(b"\r\n") else "\n"


def read(path):
    """Return the header and the data rows of a CSV file."""
    with path.open(newline="", encoding="utf-8") as f:
        header, *rows = csv.reader(f)
    return header, rows


def records(path):
    """Return the data rows of a CSV file as dicts keyed by the header."""
    header, rows = read(path)
    return [dict(zip(header, row, strict=False)) for row in rows]


def subset(src, out, name, keep):
    """Copy the rows of `name` for which keep(row as dict) is true; return them as dicts."""
    header, rows = read(src / name)
    kept = [row for row in rows if keep(dict(zip(header, row, strict=False)))]
    (out / name).parent.mkdir(parents=True, exist_ok=True)
    with (out / name).open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator=line_ending(src / name))
        writer.writerow(header)
        writer.writerows(kept)
    return [dict(zip(header, row, strict=False)) for row in kept]


def pick_skills(src, occupation_uris):
    """Return the capped essential skills of the occupations plus the must-have skills."""
    essential = [
        rel
        for rel in records(src / "en/occupationSkillRelations.csv")
        if rel["relationType"] == "essential" and rel["occupationUri"] in occupation_uris
    ]
    shared = Counter(rel["skillUri"] for rel in essential)
    skills = set()
    for uri in occupation_uris:
        own = [rel["skillUri"] for rel in essential if rel["occupationUri"] == uri]
        own.sort(key=lambda skill: -shared[skill])
        skills.update(own[:MAX_ESSENTIAL_PER_OCCUPATION])
    by_label = {s["preferredLabel"]: s["conceptUri"] for s in records(src / "en/skills_en.csv")}
    missing = [label for label in MUST_HAVE_SKILLS if label not in by_label]
    if missing:
        raise SystemExit(f"skills not found: {missing}")
    return skills | {by_label[label] for label in MUST_HAVE_SKILLS}


def broader_closure(src, skills):
    """Return the skills and every concept above them in broaderRelationsSkillPillar.csv."""
    broader = {}
    for rel in records(src / "en/broaderRelationsSkillPillar.csv"):
        broader.setdefault(rel["conceptUri"], []).append(rel["broaderUri"])
    concepts, todo = set(), list(skills)
    while todo:
        uri = todo.pop()
        if uri not in concepts:
            concepts.add(uri)
            todo.extend(broader.get(uri, []))
    return concepts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="folder of the full ESCO CSV export")
    parser.add_argument("out", type=Path, help="folder to write the starter subset to")
    args = parser.parse_args()
    src, out = args.source, args.out

    found = {o["preferredLabel"] for o in records(src / "en/occupations_en.csv")}
    missing = [label for label in OCCUPATIONS if label not in found]
    if missing:
        raise SystemExit(f"occupations not found: {missing}")
    occupations = subset(
        src, out, "en/occupations_en.csv", lambda r: r["preferredLabel"] in OCCUPATIONS
    )
    occupation_uris = {occupation["conceptUri"] for occupation in occupations}

    # Broader concepts of a skill are skill groups or other skills; both are kept.
    concepts = broader_closure(src, pick_skills(src, occupation_uris))
    skills = subset(src, out, "en/skills_en.csv", lambda r: r["conceptUri"] in concepts)
    skill_uris = {skill["conceptUri"] for skill in skills}
    groups = subset(src, out, "en/skillGroups_en.csv", lambda r: r["conceptUri"] in concepts)
    group_uris = {group["conceptUri"] for group in groups}
    subset(src, out, "en/broaderRelationsSkillPillar.csv", lambda r: r["conceptUri"] in concepts)
    levels = [f"Level {level} URI" for level in range(4)]
    allowed = group_uris | {""}
    subset(
        src,
        out,
        "en/skillsHierarchy_en.csv",
        lambda r: all(r.get(level, "") in allowed for level in levels),
    )
    subset(
        src,
        out,
        "en/occupationSkillRelations.csv",
        lambda r: r["occupationUri"] in occupation_uris and r["skillUri"] in skill_uris,
    )

    # ISCO code "2512" -> groups "2", "25", "251" and "2512".
    codes = {o["iscoGroup"][:n] for o in occupations for n in range(1, len(o["iscoGroup"]) + 1)}
    isco = subset(src, out, "en/ISCOGroups_en.csv", lambda r: r["code"] in codes)
    isco_uris = {group["conceptUri"] for group in isco}

    for lang in ("fi", "sv"):
        for name, uris in [
            (f"{lang}/skills_{lang}_preferredLabels.csv", skill_uris),
            (f"{lang}/occupations_{lang}_preferredLabels.csv", occupation_uris),
            (f"{lang}/ISCOGroups_{lang}_preferredLabels.csv", isco_uris),
        ]:
            subset(src, out, name, lambda r, uris=uris: r["conceptUri"] in uris)
    subset(src, out, "fi/occupations_fi.csv", lambda r: r["conceptUri"] in occupation_uris)


if __name__ == "__main__":
    main()
