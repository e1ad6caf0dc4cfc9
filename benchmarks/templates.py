"""Text material for the corpus generator: names, titles, and paragraphs on each theme.

Everything here is data. Each theme has agenda titles and paragraphs that deal with it in
substance (a briefing, a decision, a plan); a theme's paragraphs use the cues of that theme only,
so the expected record of a generated document can list exactly the themes that were written.
Slots: ``{kommune}``, ``{district}``, ``{n}``, ``{m}``, ``{pct}``, ``{year}``, ``{place}``, ``{project}``.
"""

from __future__ import annotations

FIRST_NAMES = (
    "Anders", "Anne", "Birgit", "Bo", "Camilla", "Carsten", "Charlotte", "Christian", "Dorthe", "Emil",
    "Eva", "Finn", "Frederik", "Gitte", "Hanne", "Henrik", "Ida", "Jakob", "Jens", "Jette", "Jonas",
    "Karen", "Karina", "Kasper", "Kirsten", "Lars", "Lene", "Line", "Lis", "Louise", "Mads", "Maja",
    "Malene", "Martin", "Mette", "Michael", "Mikkel", "Morten", "Nanna", "Niels", "Ole", "Pernille",
    "Peter", "Pia", "Poul", "Rasmus", "Rikke", "Rune", "Sanne", "Signe", "Simon", "Sofie", "Stine",
    "Susanne", "Søren", "Thomas", "Tina", "Tove", "Troels", "Ulla", "Vibeke", "Anne-Mette", "Jens Peter",
    "Karl Erik", "Marie-Louise", "Aase", "Bjarne", "Ejnar", "Grethe", "Inge", "Jørgen", "Kåre", "Åse",
)
LAST_NAMES = (
    "Abildgaard", "Andersen", "Bach", "Bang", "Berthelsen", "Bisgaard", "Brandt", "Bøgelund", "Dahl",
    "Damgaard", "Dalsgaard", "Eskildsen", "Fabricius", "Frandsen", "Frølund", "Gregersen", "Hedegaard",
    "Hjorth", "Holm", "Hvid", "Høeg", "Iversen", "Jeppesen", "Juhl", "Kjeldsen", "Kjær", "Klitgaard",
    "Krogh", "Kronborg", "Lauridsen", "Lindholt", "Lund", "Lykke", "Mogensen", "Møller", "Mørch",
    "Nygaard", "Nyholm", "Ravn", "Rosenberg", "Skou", "Skovgaard", "Sommer", "Svendsen", "Søgaard",
    "Thorup", "Thygesen", "Toft", "Vestergaard", "Vinther", "Winkel", "Østergaard", "Ørsted", "Aagaard",
    "Bundsgaard", "Hougaard", "Kirketerp", "Lindegaard", "Munch", "Overgaard", "Quist", "Riis",
    "Stampe", "Tang", "Ulrichsen", "Wulff", "Bech", "Buus", "Faurholt", "Gade", "Lassen", "Mikkelsen",
)
MIDDLE = ("B.", "K.", "M.", "S.", "Brix", "Dahl", "Juul", "Krog", "Lund", "Møller", "Skov", "Bech")

# Career tracks: (key, side, titles from first to last, years a person stays at most, per kommune?)
POLICE_TRACKS = (
    ("direktor", ("Politidirektør",), 9),
    ("inspektor1", ("Vicepolitiinspektør", "Politiinspektør", "Chefpolitiinspektør"), 16),
    ("inspektor2", ("Politiinspektør", "Chefpolitiinspektør"), 14),
    ("inspektor3", ("Vicepolitiinspektør", "Politiinspektør"), 12),
    ("stab", ("Chefkonsulent", "Stabschef"), 12),
    ("anklager", ("Senioranklager", "Chefanklager"), 12),
    ("sekretariat", ("Juridisk konsulent", "Sekretariatschef"), 12),
)
LOCAL_POLICE_TRACKS = (
    ("lokalpoliti", ("Vicepolitikommissær", "Politikommissær", "Lokalpolitileder"), 14),
    ("forebyggelse", ("Politiassistent", "Vicepolitikommissær"), 12),
)
KOMMUNE_TRACKS = (
    ("borgmester", ("Borgmester",), 12),
    ("kommunaldirektor", ("Kommunaldirektør",), 10),
    ("born", ("Chef for Børn og Familie", "Direktør for Børn og Unge"), 12),
    ("social", ("Leder af Socialpsykiatrien", "Chef for Social og Sundhed", "Direktør for Social og Sundhed"),
     14),
    ("teknik", ("Direktør for Teknik og Miljø",), 10),
    ("ssp", ("SSP-konsulent", "SSP-koordinator", "SSP-leder"), 14),
    ("skole", ("Viceskoleleder", "Skoleleder"), 12),
    ("ungdomsskole", ("Leder af Ungdomsskolen",), 10),
)
OTHER_TRACKS = (
    ("bolig", ("Boligsocial koordinator",), 8, "Boligselskabet {kommune}"),
    ("kriminalforsorg", ("Afdelingsleder",), 10, "Kriminalforsorgen"),
)

ABSENCE_REASONS = ("sygdom", "ferie", "andet møde", "kursus", "deltog i møde i KKR", "tjenesterejse")

PLACES = ("rådhuset i {kommune}", "{kommune} Rådhus, mødelokale 2", "politigården",
          "kommunens lokaler i {kommune}", "byrådssalen på {kommune} Rådhus",
          "{kommune} Bibliotek, mødesalen")

# Agenda items without a theme (opening, closing, news).
OPENING_ITEMS = ("Velkomst", "Godkendelse af dagsorden", "Godkendelse af referat fra sidste møde",
                 "Velkomst og godkendelse af dagsorden")
NEWS_ITEMS = ("Orientering fra kommunen", "Nyt fra kommunen", "Orientering fra politiet",
              "Gensidig orientering")
CLOSING_ITEMS = ("Eventuelt", "Evt.", "Næste møde og eventuelt")
NEWS_TEXT = (
    "{speaker} orienterede om den nye organisering af forvaltningen og om budgettet for det kommende år.",
    "{speaker} orienterede om ændringer i bemandingen og om nye medarbejdere siden sidste møde.",
    "{speaker} gav en kort orientering om kommunens arbejde siden sidste møde. Der var ingen spørgsmål.",
)
CLOSING_TEXT = ("Intet.", "Ingen bemærkninger.", "Næste møde holdes efter sommerferien.",
                "{speaker} takkede for et godt møde.")
OPENING_TEXT = ("{speaker} bød velkommen. Dagsordenen blev godkendt.",
                "Referatet fra sidste møde blev godkendt uden bemærkninger.",
                "{speaker} bød velkommen og takkede for invitationen.")

HANDOVER_TO_LOKAL = (
    "Emnet blev sendt videre til lokalrådet.",
    "Der skulle arbejdes videre med emnet i lokalrådet.",
    "Det blev aftalt, at lokalrådet arbejder videre med emnet.",
)
HANDOVER_FROM_KREDS = (
    "Punktet var sendt videre fra kredsrådet.",
    "Kredsrådet har bedt lokalrådet om at arbejde videre med emnet.",
)

#: theme → (agenda titles, paragraphs, project names or ())
THEMES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "psykisk-syge": (
        ("Samarbejdet om borgere med psykiske lidelser", "Psykisk syge og psykisk sårbare borgere"),
        ("Politiet bliver i stigende grad kaldt ud til psykisk syge borgere, ofte om aftenen, hvor kommunens "
         "tilbud er lukket. Patruljerne brugte sidste år {n} timer på vagt ved psykisk sårbare borgere.",
         "Kommunen og regionspsykiatrien har indgået en aftale om, hvem patruljerne kan ringe til, når de "
         "møder borgere med psykiske lidelser. Der var enighed om at gøre status om et år."),
        ("Akutteam {kommune}", "Psykiatriens Akutfunktion"),
    ),
    "indbrud": (
        ("Indbrud i private boliger", "Indbrud i sommerhusområderne"),
        ("Antallet af indbrud i privat beboelse er steget med {pct} procent. Politiet har sat ekstra "
         "patruljer ind i de udsatte villakvarterer og vil udsende materiale om indbrudsforebyggende tiltag.",
         "Politiet orienterede om en serie af indbrud i erhverv og boliger i {place}. Der er anholdt {m} "
         "personer, og kommunen vil sætte bedre lys op på stierne."),
        ("Nabohjælp", "Bo Trygt"),
    ),
    "bander": (
        ("Bandesituationen i politikredsen", "Bander og rekruttering af unge"),
        ("Politiet følger bandemiljøet tæt. Der er {m} kendte bandemedlemmer med tilknytning til "
         "kommunen, og politiet har indført skærpet opsyn i {place}.",
         "Konflikten mellem to kriminelle grupperinger har ført til visitationszone i dele af politikredsen. "
         "Kommunen blev opfordret til at være opmærksom på rekruttering til rockergrupper."),
        ("Exit {kommune}",),
    ),
    "organiseret-kriminalitet": (
        ("Organiseret kriminalitet", "Østkriminelle og omrejsende kriminelle"),
        ("Politiet har sat en målrettet indsats ind mod organiseret kriminalitet begået af østeuropæiske "
         "kriminelle. {m} personer er anholdt og udvist.",
         "Organiseret kriminalitet på tværs af landegrænserne kræver tæt samarbejde med nabokredsene, og "
         "politiet har oprettet en fælles efterforskningsgruppe."),
        (),
    ),
    "narkotika": (
        ("Narkotika i nattelivet", "Handel med narkotika"),
        ("Handel med narkotika foregår i stigende grad via sociale medier. Politiet har anholdt {m} "
         "personer for narkotikakriminalitet og beslaglagt kokain og hash.",
         "Politiet orienterede om narko-markedet i {place}, hvor der er solgt euforiserende stoffer til "
         "unge under 18 år. Der er sat faste patruljer med narkohund ind i weekenderne."),
        ("Trygt Natteliv {kommune}",),
    ),
    "rusmidler": (
        ("Unge og alkohol", "Rusmidler blandt unge"),
        ("Kommunen har set flere unge med misbrug af alkohol og rusmidler. Der holdes forældremøder på "
         "alle skoler, og kommunens misbrugscenter har fået {m} nye pladser.",
         "Politiet og kommunen drøftede posefester og salg af alkohol til mindreårige. Der blev aftalt "
         "fælles kontrol med butikkerne."),
        ("Alkoholfri Fest {kommune}",),
    ),
    "vold-i-naere-relationer": (
        ("Vold i nære relationer", "Indsats mod vold i familien"),
        ("Politiet har registreret {n} anmeldelser af vold i nære relationer. Familier, hvor politiet har "
         "været tilkaldt, skal have tilbud om hjælp fra kommunen inden for 48 timer.",
         "Kommunen og politiet har oprettet et fast forum om vold i familien, hvor sagerne drøftes hver "
         "måned med krisecentret."),
        ("Stop Volden {kommune}",),
    ),
    "stalking": (
        ("Stalking", "Indsats mod stalking"),
        ("Politiet orienterede om {m} sager om stalking. Ofrene får nu en fast kontaktperson, og der "
         "udarbejdes en risikovurdering i hver sag.",),
        ("Stop Stalking {district_short}",),
    ),
    "boern-og-unge": (
        ("Ungdomskriminalitet", "Unge på vej ud i kriminalitet"),
        ("En gruppe på {m} unge har begået kriminalitet i {place}. Kommunen har iværksat en opsøgende "
         "indsats, og ungdomskriminaliteten følges tæt med forældrene.",
         "Politiet og kommunen drøftede unge på vej ud i kriminalitet. Der holdes bekymringssamtaler med "
         "de unge og deres forældre, og skolerne får en fast kontaktperson."),
        ("Ung i {kommune}",),
    ),
    "ssp": (
        ("SSP-samarbejdet", "Status på SSP"),
        ("SSP-samarbejdet har fået en ny organisering med faste møder mellem skole, socialforvaltning og "
         "politi hver anden uke. SSP-konsulenterne deltager nu også i møderne om de enkelte elever.",
         "Status på SSP: der er holdt {m} møder i det lokale SSP-netværk, og alle skoler har fået en fast "
         "SSP-kontakt."),
        (),
    ),
    "it-kriminalitet": (
        ("Digital svindel mod ældre", "IT-kriminalitet"),
        ("It-kriminalitet rettet mod ældre borgere er steget markant, især falske sms'er og opkald fra "
         "svindlere. Politiet holder informationsmøder på plejecentrene.",
         "Politiet orienterede om cyberkriminalitet mod virksomheder i kommunen. {m} virksomheder har "
         "anmeldt angreb med krav om løsesum."),
        ("Klog på Nettet",),
    ),
    "tryghed": (
        ("Resultater af tryghedsundersøgelsen", "Tryghed i boligområderne"),
        ("Tryghedsundersøgelsen viser, at borgerne i {kommune} generelt føler sig trygge, men utrygheden er "
         "steget i {place}. Der gennemføres tryghedsvandringer med beboerne.",
         "Kommunen og politiet drøftede tryghed i boligområderne. Beboerne efterlyser mere synligt politi "
         "om aftenen, og der sættes bedre belysning op."),
        ("Tryg i {kommune}",),
    ),
    "faerdsel": (
        ("Færdsel og trafiksikkerhed", "Fartkontrol ved skolerne"),
        ("Politiet har gennemført fartkontrol ved skolerne, og {n} bilister blev sigtet. Kommunen og "
         "politiet udarbejder en liste over de strækninger, hvor ATK-vognen skal prioriteres.",
         "Trafiksikkerhed på landevejene blev drøftet. Kommunen etablerer to vejbump, og politiet øger "
         "kontrollen med færdsel i {place}."),
        ("Sikker Skolevej {kommune}",),
    ),
    "beredskab": (
        ("Beredskab og krisestyring", "Sammensætningen af den lokale beredskabsstab"),
        ("Den lokale beredskabsstab (LBS) holder øvelse i {place} i efteråret. Øvelsen skal afprøve "
         "evakuering og samarbejdet mellem politi, beredskab og kommune.",
         "Kommunens beredskabsanalyse er opdateret. Politiet og kommunen drøftede, hvem der indkaldes til "
         "lokalberedskabsstaben ved større hændelser."),
        (),
    ),
    "covid-19": (
        ("Covid-19", "Situationen under corona"),
        ("Politiet orienterede om indsatsen under Covid-19 og om samarbejdet med kommunen om at forhindre "
         "smitte i nattelivet og ved forsamlinger.",
         "Kommunen gav en status på corona-situationen og på, hvordan politiet kan hjælpe ved et lokalt "
         "udbrud."),
        (),
    ),
    "videoovervaagning": (
        ("Videoovervågning", "Styrket videoovervågning"),
        ("Politiet orienterede om de nye regler for videoovervågning. Kommunen ønsker at opsætte kameraer "
         "ved {place}, og politiet vil rådgive om placeringen.",),
        (),
    ),
    "illegal-arbejdskraft": (
        ("Illegal arbejdskraft", "Kontrol med ulovligt arbejde"),
        ("Ved en fælles kontrolaktion med Skattestyrelsen blev der fundet {m} personer i illegalt arbejde "
         "på landbrug og byggepladser. Tre arbejdsgivere er sigtet for at bruge illegal arbejdskraft.",),
        (),
    ),
    "menneskehandel": (
        ("Prostitution og menneskehandel", "Menneskehandel"),
        ("Politiet orienterede om {m} sager om menneskehandel, hvor kvinder er tvunget til prostitution i "
         "lejligheder i {place}. Kommunen tilbyder ofrene hjælp gennem Center mod Menneskehandel.",),
        (),
    ),
    "dyrevaern": (
        ("Dyreværn", "Sager om dyreværn"),
        ("Politiet og kommunen drøftede sager på dyreværnsområdet. Der er rejst {m} sager om vanrøgt af "
         "heste og kvæg, og dyrlægerne inddrages tidligere.",),
        (),
    ),
    "arrangementer": (
        ("Større arrangementer i sommeren", "Sikkerhed ved festival og byfest"),
        ("Kommunen holder flere store arrangementer i sommeren, blandt andet en festival på havnen med "
         "{n} gæster. Politiet og kommunen laver en fælles plan for adgangsveje og vagter.",),
        (),
    ),
    "responstid": (
        ("Responstider", "Politiets responstid"),
        ("Politiet gennemgik responstiderne i kommunen. Den gennemsnitlige responstid ved de mest alvorlige "
         "hændelser er {m} minutter, og borgmesteren ønskede kortere responstid i de yderste landsbyer.",),
        (),
    ),
    "flerarsaftale": (
        ("Politiets flerårsaftale", "Status på flerårsaftalen"),
        ("Politidirektøren orienterede om den nye flerårsaftale for politi og anklagemyndighed og om, hvad "
         "den betyder for politikredsens økonomi og antallet af betjente.",),
        (),
    ),
    "sagsbehandling": (
        ("Sagsbehandlingstider", "Politiets sagsbehandling"),
        ("Sagsbehandlingstiderne i straffesager er steget. Politiet har oprettet et særligt team, der skal "
         "nedbringe antallet af gamle sager, og forventer at nå målet for straffesagsbehandling inden "
         "årets udgang.",),
        (),
    ),
    "lokalstation": (
        ("Nærpoliti i kommunen", "Lokalpolitiets tilstedeværelse"),
        ("Politistationen i {kommune} holder åbent for borgerhenvendelser to dage om ugen. Lokalpolitiet vil "
         "desuden være synligt til stede ved skolerne, så borgerne kender deres lokale betjente.",
         "Borgmesteren ønskede mere nærpoliti i de mindre byer. Politiet svarede, at lokalpolitiet har fået "
         "{m} nye betjente og vil holde åben politistation i {place} én dag om ugen."),
        ("Nærbetjent {kommune}",),
    ),
}

PROJECT_SENTENCES = (
    'Det blev besluttet at starte projektet "{project}".',
    'Indsatsen samles i projektet "{project}", som kommunen og politiet står for i fællesskab.',
    "Der blev givet en status på projektet {project}, som har kørt siden sidste år.",
)
