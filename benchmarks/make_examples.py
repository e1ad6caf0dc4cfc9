"""Write the two binary documents of the sample corpus (``examples/corpus``): a DOCX and a PDF.

    python3 benchmarks/make_examples.py [examples/corpus]

The text documents of the sample corpus are written by hand; these two are made from the blocks
below so that they are real Word and PDF files (an attendee table in Word; a text layer with page
footers in the PDF). The output is deterministic, and the files are committed, so that
``kg build examples/corpus`` needs no generation step.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from render import Block, blocks_to_docx, blocks_to_pdf  # noqa: E402

ASSENS_2022: list[Block] = [
    ("h", "Referat af møde nr. 2/2022 i Kredsrådet for Assens Kommune og Fyns Politi"),
    ("p", "Mødet blev holdt den 15. juni 2022 kl. 9.00-11.30 på Assens Rådhus, Rådhus Allé 5."),
    ("p", "Deltagere:"),
    ("table", [
        ("Navn", "Titel", "Organisation"),
        ("Mogens Brix Jeppesen", "Borgmester", "Assens Kommune"),
        ("Ulla Kjeldsen", "Kommunaldirektør", "Assens Kommune"),
        ("Frederik Mørch", "Chef for Beredskab og Miljø", "Assens Kommune"),
        ("Birgitte Lindholt", "Politidirektør", "Fyns Politi"),
        ("Jens Aagaard Holm", "Chefpolitiinspektør", "Fyns Politi"),
        ("Mette Skovgaard Rasmussen", "Politiinspektør", "Fyns Politi"),
        ("Sofie Bech Larsen", "Juridisk konsulent (referent)", "Fyns Politi"),
    ]),
    ("p", "Afbud: Stabschef Rasmus Thygesen, Fyns Politi."),
    ("p", "Dagsorden:"),
    ("p", "1. Illegal arbejdskraft i landbruget\n2. Resultater af tryghedsundersøgelsen for Assens"
          "\n3. Beredskabsøvelse på Assens Havn\n4. Eventuelt"),
    ("h", "Ad 1: Illegal arbejdskraft i landbruget"),
    ("p", "Politiinspektør Mette Skovgaard Rasmussen orienterede om en fælles kontrolaktion med "
          "Skattestyrelsen og Arbejdstilsynet på landbrug og gartnerier i kommunen i maj. Ved aktionen "
          "blev der fundet 11 personer i illegalt arbejde, og tre arbejdsgivere er sigtet. Borgmester "
          "Mogens Brix Jeppesen bad om, at kommunen bliver orienteret før næste aktion, så kommunens "
          "jobcenter kan hjælpe de berørte virksomheder med at ansætte lovligt."),
    ("h", "Ad 2: Resultater af tryghedsundersøgelsen for Assens"),
    ("p", "Chefpolitiinspektør Jens Aagaard Holm gennemgik resultaterne af den nationale "
          "tryghedsundersøgelse. Borgerne i Assens Kommune føler sig generelt trygge, men utrygheden "
          "er steget i Glamsbjerg, hvor flere borgere har oplevet grupper af unge ved stationen. Politiet "
          "vil øge patruljeringen i Glamsbjerg om aftenen, og kommunen sætter bedre belysning op ved "
          "stationen. Der skulle arbejdes videre med emnet i lokalrådet."),
    ("h", "Ad 3: Beredskabsøvelse på Assens Havn"),
    ("p", "Chef for Beredskab og Miljø Frederik Mørch orienterede om den store beredskabsøvelse, der "
          "holdes på Assens Havn i september. Øvelsen skal afprøve evakuering af færgen til Bågø og "
          "samarbejdet i den lokale beredskabsstab (LBS) mellem politi, beredskab og kommune. "
          "Politidirektør Birgitte Lindholt bekræftede, at politiet deltager med indsatsleder og "
          "patruljer."),
    ("h", "Ad 4: Eventuelt"),
    ("p", "Intet."),
    ("p", "Referent: Sofie Bech Larsen"),
]

SAMARBEJDSPLAN_FYN_2024: list[Block] = [
    ("h", "Samarbejdsplan for 2024"),
    ("p", "Plan for samarbejdet mellem Fyns Politi og kommunerne i politikredsen: Assens, "
          "Faaborg-Midtfyn, Kerteminde, Langeland, Middelfart, Nordfyns, Nyborg, Odense, Svendborg "
          "og Ærø."),
    ("h", "1. Indledning"),
    ("p", "Samarbejdsplanen er den fælles strategiske ramme for kredsrådets og lokalrådenes arbejde i "
          "Fyns Politi. Planen er udarbejdet efter retsplejelovens § 114 og drøftet på det fælles "
          "kredsrådsmøde den 2. november 2023, hvor kredsrådet valgte årets prioriterede "
          "indsatsområde."),
    ("h", "2. Kredsråd og lokalråd"),
    ("p", "Kredsrådet består af politidirektøren og borgmestrene i politikredsens ti kommuner. "
          "Kredsrådet mødes hvert år til et fælles kredsrådsmøde, og politiet holder desuden et "
          "kredsrådsmøde med hver kommune. I hver kommune er der et lokalråd, som omsætter "
          "samarbejdsplanens indsatsområder til lokale handlingsplaner."),
    ("h", "3. Indsatsområder for 2024"),
    ("h", "3.1 Vold i nære relationer (prioriteret indsatsområde)"),
    ("p", "Kredsrådet har valgt vold i nære relationer som prioriteret indsatsområde for 2024. "
          "Projektet \"Stop Volden Fyn\" udbredes til alle ti kommuner. Politiet og kommunerne "
          "udpeger hver en kontaktperson, og familier, hvor politiet har været tilkaldt på grund af "
          "vold i familien, skal have tilbud om hjælp fra kommunen inden for 48 timer."),
    ("h", "3.2 Psykisk syge og psykisk sårbare borgere"),
    ("p", "Samarbejdet om psykisk syge borgere fortsætter. Aftalerne om, hvem patruljerne kan "
          "kontakte uden for almindelig åbningstid, evalueres i alle kommuner i løbet af 2024."),
    ("h", "3.3 Ungdomskriminalitet og SSP"),
    ("p", "Lokalrådene følger ungdomskriminaliteten i deres kommune, og SSP-samarbejdet skal sikre, "
          "at unge på vej ud i kriminalitet bliver fulgt tæt af både skole, socialforvaltning og "
          "politi. Hver kommune beskriver i sin handlingsplan, hvordan SSP-samarbejdet er "
          "organiseret."),
    ("h", "3.4 Digital kriminalitet mod ældre"),
    ("p", "Politiet og kommunerne holder informationsmøder om digital svindel for ældre borgere, og "
          "hjemmeplejen får materiale om, hvordan borgerne beskytter sig mod it-kriminalitet."),
]

#: file name → (blocks, writer)
DOCUMENTS = {
    "2022-06-15_kredsraad_assens.docx": ASSENS_2022,
    "2024_samarbejdsplan_fyns_politi.pdf": SAMARBEJDSPLAN_FYN_2024,
}


def write_examples(out: Path) -> list[Path]:
    """Write the DOCX and the PDF of the sample corpus into ``out``; return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, blocks in DOCUMENTS.items():
        path = out / name
        if name.endswith(".pdf"):
            data = blocks_to_pdf(blocks, footer="Fyns Politi · Samarbejdsplan 2024")
        else:
            data = blocks_to_docx(blocks)
        path.write_bytes(data)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """Command line: the output folder is the only argument (default ``examples/corpus``)."""
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else Path(__file__).resolve().parents[1] / "examples" / "corpus"
    for path in write_examples(out):
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
