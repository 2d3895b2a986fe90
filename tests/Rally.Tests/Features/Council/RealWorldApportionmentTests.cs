using Rally.Features.Council;

namespace Rally.Tests.Features.Council;

/// <summary>
/// Published apportionments and election results, reproduced seat for seat. Each case cites
/// where its counts and its official seats come from; the engine is given only the counts and
/// the rules of the case.
/// </summary>
public class RealWorldApportionmentTests
{
    static Dictionary<string, int> Run(string method, int seats, (string Name, long Count)[] rows, int minSeats = 0, string? thresholdPercent = null, Func<string, bool>? eligible = null)
    {
        Rational? threshold = thresholdPercent is null ? null : Parse(thresholdPercent);
        var result = Apportion.Calculate(new ApportionmentRequest(method, seats,
            [.. rows.Select(r => new Constituency(r.Name, r.Count, eligible?.Invoke(r.Name) ?? true))], minSeats, threshold));
        Assert.True(result.Complete, "no tie expected");
        Assert.Equal(seats, result.Allocations.Sum(a => a.Seats));
        return result.Allocations.ToDictionary(a => a.Name, a => a.Seats);
    }

    static Rational Parse(string s) => Rational.TryParse(s, out var r) ? r : throw new FormatException(s);

    /// <summary>
    /// US House of Representatives, 2020 census: 435 seats among the 50 states by Huntington–Hill
    /// (method of equal proportions), each state first given one seat.
    /// Apportionment populations and seats: U.S. Census Bureau, "Table 1. Apportionment Population and
    /// Number of Representatives by State: 2020 Census",
    /// https://www2.census.gov/programs-surveys/decennial/2020/data/apportionment/apportionment-2020-table01.pdf
    /// (released 26 April 2021). Seats below are Table 1's (e.g. California 52, Texas 38, Montana 2).
    /// </summary>
    [Fact]
    public void Us_house_2020_huntington_hill()
    {
        (string, long, int)[] states =
        [
            ("Alabama", 5_030_053, 7), ("Alaska", 736_081, 1), ("Arizona", 7_158_923, 9), ("Arkansas", 3_013_756, 4),
            ("California", 39_576_757, 52), ("Colorado", 5_782_171, 8), ("Connecticut", 3_608_298, 5), ("Delaware", 990_837, 1),
            ("Florida", 21_570_527, 28), ("Georgia", 10_725_274, 14), ("Hawaii", 1_460_137, 2), ("Idaho", 1_841_377, 2),
            ("Illinois", 12_822_739, 17), ("Indiana", 6_790_280, 9), ("Iowa", 3_192_406, 4), ("Kansas", 2_940_865, 4),
            ("Kentucky", 4_509_342, 6), ("Louisiana", 4_661_468, 6), ("Maine", 1_363_582, 2), ("Maryland", 6_185_278, 8),
            ("Massachusetts", 7_033_469, 9), ("Michigan", 10_084_442, 13), ("Minnesota", 5_709_752, 8), ("Mississippi", 2_963_914, 4),
            ("Missouri", 6_160_281, 8), ("Montana", 1_085_407, 2), ("Nebraska", 1_963_333, 3), ("Nevada", 3_108_462, 4),
            ("New Hampshire", 1_379_089, 2), ("New Jersey", 9_294_493, 12), ("New Mexico", 2_120_220, 3), ("New York", 20_215_751, 26),
            ("North Carolina", 10_453_948, 14), ("North Dakota", 779_702, 1), ("Ohio", 11_808_848, 15), ("Oklahoma", 3_963_516, 5),
            ("Oregon", 4_241_500, 6), ("Pennsylvania", 13_011_844, 17), ("Rhode Island", 1_098_163, 2), ("South Carolina", 5_124_712, 7),
            ("South Dakota", 887_770, 1), ("Tennessee", 6_916_897, 9), ("Texas", 29_183_290, 38), ("Utah", 3_275_252, 4),
            ("Vermont", 643_503, 1), ("Virginia", 8_654_542, 11), ("Washington", 7_715_946, 10), ("West Virginia", 1_795_045, 2),
            ("Wisconsin", 5_897_473, 8), ("Wyoming", 577_719, 1),
        ];
        Assert.Equal(435, states.Sum(s => s.Item3));
        Assert.Equal(331_108_434, states.Sum(s => s.Item2)); // the Census Bureau's apportionment population total
        var seats = Run(ApportionmentMethods.HuntingtonHill, 435, [.. states.Select(s => (s.Item1, s.Item2))]);
        foreach (var (name, _, official) in states) Assert.True(official == seats[name], $"{name}: official {official}, computed {seats[name]}");
    }

    /// <summary>
    /// German Bundestag election 2017, first step of the seat allocation: the 598 seats shared among
    /// the 16 Länder by their German population (30 June 2016) by Sainte-Laguë/Schepers.
    /// Source: Der Bundeswahlleiter, Pressemitteilung Nr. 28/17 of 22 September 2017, "Bundestagswahl
    /// 2017: Neue Sitzkontingente der Länder",
    /// https://www.bundeswahlleiterin.de/info/presse/mitteilungen/bundestagswahl-2017/28_17_sitzkontingente_2.html
    /// (divisor 122,650; Brandenburg 20 and Sachsen-Anhalt 17 after the population update).
    /// </summary>
    [Fact]
    public void German_bundestag_2017_seats_per_land_sainte_lague()
    {
        (string, long, int)[] lander =
        [
            ("Schleswig-Holstein", 2_673_803, 22), ("Mecklenburg-Vorpommern", 1_548_400, 13), ("Hamburg", 1_525_090, 12),
            ("Niedersachsen", 7_278_789, 59), ("Bremen", 568_510, 5), ("Brandenburg", 2_391_746, 20), ("Sachsen-Anhalt", 2_145_671, 17),
            ("Berlin", 2_975_745, 24), ("Nordrhein-Westfalen", 15_707_569, 128), ("Sachsen", 3_914_671, 32), ("Hessen", 5_281_198, 43),
            ("Thüringen", 2_077_901, 17), ("Rheinland-Pfalz", 3_661_245, 30), ("Bayern", 11_362_245, 93), ("Baden-Württemberg", 9_365_001, 76),
            ("Saarland", 899_748, 7),
        ];
        Assert.Equal(73_377_332, lander.Sum(l => l.Item2)); // "Insgesamt" in the press release
        var seats = Run(ApportionmentMethods.SainteLague, 598, [.. lander.Select(l => (l.Item1, l.Item2))]);
        foreach (var (name, _, official) in lander) Assert.True(official == seats[name], $"{name}: official {official}, computed {seats[name]}");
    }

    /// <summary>
    /// New Zealand general election 2020: 120 seats shared by Sainte-Laguë among the parties with 5%
    /// of the party vote or an electorate seat (the Māori Party won Waiariki); NZ First (2.60%) and
    /// the rest are excluded. Official party votes: Electoral Commission, "2020 General Election and
    /// Referendums – Official Result", https://www.electionresults.org.nz/electionresults_2020/ (as
    /// tabulated at https://www.wiki3.en-us.nina.az/2020_New_Zealand_election.html); seats: Electoral
    /// Commission media release of 6 November 2020,
    /// https://elections.nz/media-and-news/2020/2020-general-election-official-results/ — Labour 65,
    /// National 33, Green 10, ACT 10, Māori Party 2.
    /// </summary>
    [Fact]
    public void New_zealand_2020_party_list_sainte_lague()
    {
        var seats = Run(ApportionmentMethods.SainteLague, 120,
        [
            ("Labour", 1_443_545), ("National", 738_275), ("Green", 226_757), ("ACT", 219_031), ("Māori Party", 33_630), ("NZ First", 75_020),
        ], eligible: name => name != "NZ First");
        Assert.Equal(new Dictionary<string, int> { ["Labour"] = 65, ["National"] = 33, ["Green"] = 10, ["ACT"] = 10, ["Māori Party"] = 2, ["NZ First"] = 0 }, seats);
    }

    /// <summary>
    /// European Parliament election 2019 in the Czech Republic: 21 seats by D'Hondt among the lists
    /// with at least 5% of the valid votes. Votes: Czech Statistical Office, https://www.volby.cz/pls/ep2019/ep11?xjazyk=CZ
    /// (as tabulated in simberaj/votelib, tests/real/test_real_proportional.py); official seats:
    /// ANO 2011 6, ODS 4, Piráti 3, STAN–TOP 09 3, SPD 2, KDU-ČSL 2, KSČM 1.
    /// </summary>
    [Fact]
    public void Czech_european_parliament_2019_dhondt_with_five_percent_threshold()
    {
        (string, long)[] lists =
        [
            ("Klub angažovaných nestraníků", 2580), ("Strana nezávislosti ČR", 9676), ("Cesta odpovědné společnosti", 7890), ("Národní socialisté", 1312),
            ("Občanská demokratická strana", 344885), ("ANO, vytrollíme europarlament", 37046), ("Česká strana sociálně demokratická", 93664),
            ("Romská demokratická strana", 1651), ("KSČM", 164624), ("Koalice DSSS a NF", 4363), ("SPR-RSČ", 4284), ("Koalice Rozumní, ND", 18715),
            ("Pravý Blok", 4752), ("NE-VOLIM.CZ", 2221), ("Pro Česko", 2760), ("Vědci pro Českou republiku", 19492), ("Koalice ČSNS, Patrioti ČR", 1289),
            ("JSI PRO?Jist.Solid.In.pro bud.", 836), ("PRO Zdraví a Sport", 7868), ("Moravské zemské hnutí", 3195), ("Česká Suverenita", 2609),
            ("TVŮJ KANDIDÁT", 1653), ("HLAS", 56449), ("Koalice Svobodní, RČ", 15492), ("Koalice STAN, TOP 09", 276220),
            ("Česká pirátská strana", 330844), ("Svoboda a přímá demokracie", 216718), ("Aliance národních sil", 1971), ("ANO 2011", 502343),
            ("Agrární demokratická strana", 4004), ("Moravané", 6599), ("První Republika", 844), ("Demokratická strana zelených", 14339),
            ("Bezpečnost,Odpovědnost,Solid.", 2583), ("Koalice Soukromníci, NEZ", 8720), ("Evropa společně", 12587), ("Konzervativní Alternativa", 235),
            ("KDU-ČSL", 171723), ("Alternativa pro Česk. rep.2017", 11729),
        ];
        var seats = Run(ApportionmentMethods.DHondt, 21, lists, thresholdPercent: "5");
        var won = seats.Where(s => s.Value > 0).ToDictionary();
        Assert.Equal(new Dictionary<string, int>
        {
            ["ANO 2011"] = 6, ["Občanská demokratická strana"] = 4, ["Česká pirátská strana"] = 3, ["Koalice STAN, TOP 09"] = 3,
            ["Svoboda a přímá demokracie"] = 2, ["KDU-ČSL"] = 2, ["KSČM"] = 1,
        }, won);
    }

    /// <summary>
    /// Czech Chamber of Deputies election 2017: the 200 seats are first shared among the 14 regions
    /// by the number of valid votes cast in each, by largest remainder on the Hare quota (the
    /// "republikové mandátové číslo"); then each region's seats go by D'Hondt to the parties with at
    /// least 5% of the valid votes nationwide. Votes by region and party: Czech Statistical Office,
    /// https://www.volby.cz/pls/ps2017nss/ps?xjazyk=CZ (as tabulated in simberaj/votelib,
    /// tests/real/data/cz_psp_2017.csv). Official seats (ČSÚ, 21 October 2017): ANO 78, ODS 25,
    /// Piráti 22, SPD 22, KSČM 15, ČSSD 15, KDU-ČSL 10, TOP 09 7, STAN 6; Středočeský kraj elected
    /// 26 deputies, Praha 24, Karlovarský kraj 5.
    /// </summary>
    [Fact]
    public void Czech_chamber_2017_regions_by_hamilton_then_parties_by_dhondt()
    {
        string[] regions =
        [
            "Hlavní město Praha", "Středočeský kraj", "Jihočeský kraj", "Plzeňský kraj", "Karlovarský kraj", "Ústecký kraj", "Liberecký kraj",
            "Královéhradecký kraj", "Pardubický kraj", "Kraj Vysočina", "Jihomoravský kraj", "Olomoucký kraj", "Zlínský kraj", "Moravskoslezský kraj",
        ];
        (string Party, long[] Votes)[] parties =
        [
            ("ODS", [99182, 85415, 38232, 32833, 10796, 32197, 21468, 32242, 28313, 25989, 69319, 27266, 28752, 40944]),
            ("ŘN - VU", [642, 1353, 557, 558, 896, 631, 327, 531, 509, 324, 768, 426, 615, 598]),
            ("CESTA", [407, 412, 255, 184, 0, 234, 196, 297, 355, 137, 477, 282, 195, 327]),
            ("ČSSD", [34079, 43853, 23035, 21643, 8530, 22464, 11811, 18128, 19294, 24631, 49248, 22760, 20454, 48417]),
            ("PB", [491, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
            ("RČ", [221, 456, 439, 395, 0, 0, 0, 275, 258, 306, 383, 307, 220, 592]),
            ("STAN", [30920, 53368, 14435, 13180, 6453, 12299, 26780, 14184, 12855, 11251, 21222, 13580, 17168, 14462]),
            ("KSČM", [28158, 47695, 29414, 23502, 9960, 33628, 13981, 19792, 20002, 24829, 46966, 26853, 20669, 47651]),
            ("Zelení", [14686, 9415, 4326, 3321, 1549, 5013, 2907, 3650, 3261, 3204, 9147, 3588, 3685, 6583]),
            ("Rozumní", [2600, 5081, 2435, 2395, 1231, 2920, 1719, 2388, 2429, 2070, 3781, 1942, 1747, 3790]),
            ("SPDV", [438, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
            ("Svobodní", [12857, 10679, 5303, 4138, 1544, 4595, 3152, 4310, 3998, 3565, 10421, 3963, 4812, 5892]),
            ("BPI", [472, 682, 270, 328, 211, 466, 192, 284, 186, 235, 448, 436, 299, 568]),
            ("ODA", [943, 861, 613, 724, 280, 811, 405, 322, 385, 261, 930, 448, 393, 654]),
            ("Piráti", [107590, 79815, 33143, 27201, 12264, 28004, 23859, 29932, 27146, 26086, 53207, 25955, 24859, 47332]),
            ("OBČANÉ 2011", [177, 0, 0, 182, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
            ("Unie H.A.V.E.L.", [93, 343, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
            ("ČNF", [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 117]),
            ("Referendum o EU", [423, 546, 267, 224, 153, 321, 182, 276, 225, 219, 532, 213, 245, 450]),
            ("TOP 09", [77325, 41843, 16713, 13095, 4495, 12336, 8825, 14308, 10864, 10163, 26356, 9903, 8443, 14142]),
            ("ANO", [124445, 189371, 91012, 84114, 43268, 127574, 62302, 88551, 79551, 75247, 159909, 95950, 84750, 194069]),
            ("DV 2016", [358, 365, 204, 0, 0, 292, 269, 380, 250, 0, 522, 248, 184, 650]),
            ("SPRRSČ M.Sládka", [539, 1204, 556, 603, 343, 1275, 481, 619, 480, 600, 1222, 488, 477, 970]),
            ("KDU-ČSL", [29143, 19925, 16983, 9499, 2885, 6127, 4297, 16294, 17599, 24295, 52346, 25257, 33631, 35362]),
            ("ČSNS", [182, 219, 243, 136, 0, 113, 135, 0, 0, 89, 173, 117, 0, 166]),
            ("REAL", [5851, 4251, 3327, 2009, 799, 2048, 1290, 2037, 1492, 1562, 3849, 1678, 2138, 3664]),
            ("SPORTOVCI", [1243, 1152, 636, 1009, 311, 476, 356, 431, 564, 584, 1471, 766, 537, 1057]),
            ("DSSS", [565, 1203, 762, 631, 428, 1527, 374, 600, 722, 556, 859, 675, 417, 1083]),
            ("SPD", [35547, 59497, 31062, 28686, 15233, 42777, 22878, 28038, 26202, 25237, 67973, 41397, 38020, 76027]),
            ("SPO", [1873, 1615, 1097, 920, 513, 1558, 631, 851, 1229, 1324, 1613, 1141, 1969, 2222]),
            ("NáS", [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 300, 0, 0, 0]),
        ];

        // Regions by valid votes, Hare largest remainder.
        var regionSeats = Run(ApportionmentMethods.Hamilton, 200,
            [.. regions.Select((name, r) => (name, parties.Sum(p => p.Votes[r])))]);
        Assert.Equal(26, regionSeats["Středočeský kraj"]);
        Assert.Equal(24, regionSeats["Hlavní město Praha"]);
        Assert.Equal(5, regionSeats["Karlovarský kraj"]);

        // The 5% threshold is national; in each region the parties below it are ineligible.
        var national = parties.Sum(p => p.Votes.Sum());
        var passed = parties.Where(p => p.Votes.Sum() * 20 >= national).Select(p => p.Party).ToHashSet();
        var totals = new Dictionary<string, int>();
        for (var r = 0; r < regions.Length; r++)
            foreach (var (party, seats) in Run(ApportionmentMethods.DHondt, regionSeats[regions[r]], [.. parties.Select(p => (p.Party, p.Votes[r]))], eligible: passed.Contains))
                if (seats > 0) totals[party] = totals.GetValueOrDefault(party) + seats;

        Assert.Equal(new Dictionary<string, int>
        {
            ["ANO"] = 78, ["ODS"] = 25, ["Piráti"] = 22, ["SPD"] = 22, ["KSČM"] = 15, ["ČSSD"] = 15, ["KDU-ČSL"] = 10, ["TOP 09"] = 7, ["STAN"] = 6,
        }, totals);
    }
    /// <summary>
    /// Bergen city council (bystyre) election 2019: 67 seats by modified Sainte-Laguë (first divisor
    /// 1.4), no threshold, over each list's "listestemmetall". List vote totals: Valgdirektoratet,
    /// https://valgresultat.no (kommunestyrevalget 2019, Bergen), as tabulated in jarlemag/Election-stuff,
    /// data.json. Official seats found: Høyre 14 (Bergens Tidende, "Friele-ekteparet inn i bystyret",
    /// https://www.bt.no/nyheter/lokalt/i/9vnOkp/Friele-ekteparet-inn-i-bystyret); Arbeiderpartiet 13,
    /// Venstre 3, Rødt 3, KrF 2, Pensjonistpartiet 1 (kept in 2023) and Folkeaksjonen nei til mer bompenger 11
    /// (all lost in 2023): "Bergen bystyre 2023–2027", https://sagapedia.com/no/Bergen_bystyre_2023%E2%80%932027
    /// (a copy of the Norwegian Wikipedia article). No source found gives MDG, SV, Sp and Frp one by one, so
    /// only their sum (the remaining 20 of 67) is checked. (Plain Sainte-Laguë happens to give the same seats
    /// here; the 1.4 divisor itself is pinned by the hand-worked case in ApportionTests.)
    /// </summary>
    [Fact]
    public void Bergen_city_council_2019_modified_sainte_lague()
    {
        var seats = Run(ApportionmentMethods.ModifiedSainteLague, 67,
        [
            ("Partiet De Kristne", 74558), ("Senterpartiet", 534887), ("Venstre", 387477), ("Pensjonistpartiet", 150044), ("Demokratene", 57058),
            ("Norges Kommunistiske Parti", 6112), ("Liberalistene", 20914), ("Kristelig Folkeparti", 310008), ("Piratpartiet", 14405),
            ("Folkeaksjonen Nei til mer bompenger", 1677902), ("SV", 866352), ("Arbeiderpartiet", 1992486), ("Fremskrittspartiet", 469259),
            ("Høyre", 2016633), ("Miljøpartiet De Grønne", 998929), ("Rødt", 491334),
        ]);
        Assert.Equal(14, seats["Høyre"]);
        Assert.Equal(13, seats["Arbeiderpartiet"]);
        Assert.Equal(11, seats["Folkeaksjonen Nei til mer bompenger"]);
        Assert.Equal(3, seats["Venstre"]);
        Assert.Equal(3, seats["Rødt"]);
        Assert.Equal(2, seats["Kristelig Folkeparti"]);
        Assert.Equal(1, seats["Pensjonistpartiet"]);
        Assert.Equal(20, seats["Miljøpartiet De Grønne"] + seats["SV"] + seats["Senterpartiet"] + seats["Fremskrittspartiet"]);
    }
}
