namespace Rally.Data.Demo;

/// <summary>
/// What the 1919 demonstration set is made of: the unions represented at the Second All-Russia
/// Congress of Trade Unions (January 1919) with their real membership (DEMO-DATA.md), the
/// theses' categories, and the Poor Peasants' Section with its village unions.
/// </summary>
static class Federation1919
{
    public const string RootCode = "ARTUC";
    public const string SectionCode = "PPS";

    /// <summary>The demonstration's "today": the set describes the federation in the spring of 1919.</summary>
    public static readonly DateOnly Today = new(1919, 3, 1);

    public static readonly (string Code, string Name)[] Kinds =
    [
        ("federation", "Federation"),
        ("section", "Section"),
        ("union", "Union"),
        ("branch", "Branch"),
        ("workplace", "Workplace"),
    ];

    /// <summary>The theses' words (PRODUCT.md); <see cref="UnionSpec.CategoryWeights"/> follow this order.</summary>
    public static readonly (string Code, string Name)[] Categories =
    [
        ("proletarian", "Proletarian"),
        ("unskilled", "Unskilled worker"),
        ("town-servant", "Town servant"),
        ("rural-semi-proletarian", "Rural semi-proletarian"),
        ("poor-peasant", "Poor peasant"),
        ("employee", "Employee"),
        ("specialist", "Specialist"),
    ];

    public const int Unskilled = 1, Employee = 5, Specialist = 6;

    /// <summary>The theses' criteria (a)-(d) for unions of the very poor.</summary>
    public static readonly (string Label, string Text)[] PoorPeasantCriteria =
    [
        ("(a)", "Uninterested in grain profiteering and high grain prices"),
        ("(b)", "Interested in improving their lot by common measures for everyone"),
        ("(c)", "Interested in strengthening socialised farming"),
        ("(d)", "Interested in a permanent alliance with the urban workers"),
    ];

    /// <param name="RealMembers">members represented in January 1919; the demo set is 1:1000 of it</param>
    /// <param name="CategoryWeights">proletarian, unskilled, town servant, rural semi-proletarian, poor peasant, employee, specialist</param>
    /// <param name="Workplaces">name templates, {0} = the branch's town</param>
    public sealed record UnionSpec(
        string Code, string Name, string ShortName, int RealMembers, double FemaleShare, int[] CategoryWeights,
        string[] Trades, string UnskilledTrade, string EmployeeTrade, string SpecialistTrade,
        string[] Towns, string[] Workplaces);

    public static readonly UnionSpec[] Unions =
    [
        new("TEXTILE", "All-Russia Union of Textile Workers", "Textile workers", 711_000, 0.58, [65, 25, 0, 7, 0, 2, 1],
            ["weaver", "spinner", "carder", "dyer", "loom fitter", "bleacher", "twister"], "mill hand", "mill clerk", "mill engineer",
            ["Ivanovo-Voznesensk", "Moscow", "Orekhovo-Zuevo", "Kostroma"],
            ["{0} State Cotton Mill No. 1", "{0} Weaving Mill", "{0} Dye and Finishing Works", "{0} Spinning Mill"]),
        new("RAIL", "All-Russia Union of Railway Workers", "Railway workers", 450_000, 0.08, [55, 25, 0, 5, 0, 12, 3],
            ["engine driver", "stoker", "fitter", "track layer", "switchman", "conductor", "wagon repairer"], "track labourer", "station clerk", "railway engineer",
            ["Moscow", "Petrograd", "Samara", "Kharkov"],
            ["{0} Locomotive Depot", "{0} Railway Workshops", "{0} Goods Station", "{0} Track Section"]),
        new("METAL", "All-Russia Union of Metal Workers", "Metal workers", 400_000, 0.10, [70, 20, 0, 3, 0, 4, 3],
            ["turner", "fitter", "smith", "moulder", "boilermaker", "machinist", "riveter"], "labourer", "works clerk", "engineer",
            ["Petrograd", "Moscow", "Tula", "Nizhny Novgorod"],
            ["{0} Arms Works", "{0} Engineering Works", "{0} Iron Foundry", "{0} Machine-Building Works"]),
        new("TANNERS", "All-Russia Union of Tanners", "Tanners", 225_000, 0.15, [60, 30, 0, 6, 0, 3, 1],
            ["tanner", "currier", "bootmaker", "saddler", "harness maker"], "tannery hand", "tannery clerk", "leather technologist",
            ["Moscow", "Kazan", "Tver"],
            ["{0} Tannery", "{0} Boot Factory", "{0} Harness Works"]),
        new("TRADE", "All-Russia Union of Trade and Industry Employees", "Trade and industry employees", 200_000, 0.35, [5, 10, 0, 0, 0, 83, 2],
            ["sales clerk", "shop assistant", "warehouse clerk", "cashier"], "porter", "bookkeeper", "commercial expert",
            ["Moscow", "Petrograd", "Nizhny Novgorod", "Saratov"],
            ["{0} Central Stores", "{0} Municipal Shops", "{0} Commodity Warehouses"]),
        new("WATER", "All-Russia Union of Water Transport Workers", "Water transport workers", 200_000, 0.05, [45, 40, 0, 10, 0, 4, 1],
            ["boatman", "ship's stoker", "deckhand", "ship's mechanic", "river pilot"], "longshoreman", "wharf clerk", "marine engineer",
            ["Nizhny Novgorod", "Samara", "Yaroslavl", "Astrakhan"],
            ["{0} River Port", "{0} Shipyard", "{0} Steamship Pier"]),
        new("TAILORS", "All-Russia Union of Tailors", "Tailors", 150_000, 0.55, [65, 25, 0, 5, 0, 4, 1],
            ["tailor", "seamstress", "cutter", "presser", "furrier"], "workshop hand", "workshop clerk", "cutting master",
            ["Moscow", "Petrograd", "Kazan"],
            ["{0} Clothing Factory No. 1", "{0} Army Clothing Workshops", "{0} Tailoring Co-operative Workshop"]),
        new("FOOD", "All-Russia Union of Food Industry Workers", "Food industry workers", 140_000, 0.30, [55, 35, 0, 6, 0, 3, 1],
            ["baker", "miller", "confectioner", "butcher", "brewer"], "labourer", "factory clerk", "food technologist",
            ["Moscow", "Petrograd", "Saratov", "Kazan"],
            ["{0} Bread Factory", "{0} Flour Mill", "{0} Confectionery Factory", "{0} Slaughterhouse"]),
        new("BUILDING", "All-Russia Union of Building Workers", "Building workers", 120_000, 0.07, [35, 50, 0, 12, 0, 2, 1],
            ["bricklayer", "carpenter", "plasterer", "painter", "stonemason", "roofer"], "building labourer", "site clerk", "architect",
            ["Moscow", "Petrograd", "Yaroslavl"],
            ["{0} Municipal Construction Office", "{0} Brickworks", "{0} Building Artel"]),
        new("POST", "All-Russia Union of Postal and Telegraph Workers", "Postal and telegraph workers", 100_000, 0.35, [15, 10, 0, 0, 0, 72, 3],
            ["postman", "telegraph operator", "sorter", "lineman"], "messenger", "postal clerk", "telegraph engineer",
            ["Moscow", "Petrograd", "Kazan", "Tver"],
            ["{0} Head Post Office", "{0} Central Telegraph", "{0} Sorting Office"]),
        new("SUGAR", "All-Russia Union of Sugar Industry Workers", "Sugar industry workers", 100_000, 0.25, [35, 40, 0, 22, 0, 2, 1],
            ["sugar boiler", "centrifuge hand", "diffusion hand", "refiner"], "beet washer", "works clerk", "sugar technologist",
            ["Kursk", "Voronezh", "Tambov"],
            ["{0} Sugar Refinery", "{0} Beet Sugar Works"]),
        new("DRIVERS", "All-Russia Union of Drivers", "Drivers", 98_000, 0.01, [50, 40, 0, 7, 0, 3, 0],
            ["cab driver", "carter", "chauffeur", "tram driver", "lorry driver"], "stable hand", "dispatcher", "motor engineer",
            ["Moscow", "Petrograd", "Tula"],
            ["{0} Tram Park", "{0} Cab Drivers' Artel", "{0} Motor Transport Garage"]),
        new("CHEMICAL", "All-Russia Union of Chemical Workers", "Chemical workers", 80_000, 0.30, [60, 30, 0, 3, 0, 3, 4],
            ["chemical hand", "dye maker", "match maker", "soap boiler", "vat man"], "labourer", "laboratory clerk", "chemist",
            ["Moscow", "Petrograd", "Kazan"],
            ["{0} Chemical Works", "{0} Match Factory", "{0} Soap and Candle Works"]),
        new("WOOD", "All-Russia Union of Woodworkers", "Woodworkers", 70_000, 0.10, [60, 30, 0, 7, 0, 2, 1],
            ["joiner", "cabinetmaker", "cooper", "sawyer", "wood turner"], "timber yard hand", "yard clerk", "timber engineer",
            ["Petrograd", "Kostroma", "Nizhny Novgorod"],
            ["{0} Sawmill", "{0} Furniture Factory", "{0} Cooperage"]),
        new("BANK", "All-Russia Union of Bank Employees", "Bank employees", 70_000, 0.30, [0, 5, 0, 0, 0, 90, 5],
            ["bank clerk", "cashier", "accountant", "teller"], "messenger", "bank clerk", "financial expert",
            ["Moscow", "Petrograd"],
            ["{0} Office of the People's Bank", "{0} Savings Bank", "{0} Treasury"]),
        new("PRINT", "All-Russia Union of Printers", "Printers", 60_000, 0.20, [80, 12, 0, 0, 0, 6, 2],
            ["compositor", "pressman", "bookbinder", "proofreader", "typefounder", "lithographer"], "print shop hand", "office clerk", "print technician",
            ["Moscow", "Petrograd", "Kharkov"],
            ["{0} State Printing House No. 1", "{0} Newspaper Printing Works", "{0} Lithography"]),
        new("FIRE", "All-Russia Union of Firemen", "Firemen", 50_000, 0.01, [50, 40, 0, 5, 0, 5, 0],
            ["fireman", "hose man", "brigade driver", "watchman", "pump operator"], "auxiliary fireman", "brigade clerk", "fire engineer",
            ["Moscow", "Petrograd"],
            ["{0} Central Fire Station", "{0} Fire Station No. 2", "{0} Volunteer Fire Brigade"]),
        new("DOMESTIC", "All-Russia Union of Domestic Workers", "Domestic workers (town servants)", 50_000, 0.88, [0, 10, 88, 2, 0, 0, 0],
            ["housemaid", "cook", "nanny", "laundress", "yardman", "coachman"], "charwoman", "clerk", "housekeeper",
            ["Moscow", "Petrograd", "Saratov"],
            ["Households of the {0} central district", "Households of the {0} factory district", "{0} Municipal Laundry"]),
        new("WAITERS", "All-Russia Union of Waiters", "Waiters", 50_000, 0.30, [20, 40, 35, 3, 0, 2, 0],
            ["waiter", "cook", "dishwasher", "barman", "tea-house attendant"], "kitchen hand", "cashier", "head cook",
            ["Moscow", "Petrograd", "Kazan"],
            ["{0} Communal Dining-Room No. 1", "{0} Tea House", "{0} Railway Station Buffet"]),
        new("OIL", "All-Russia Union of Oil Workers", "Oil workers", 30_000, 0.05, [55, 35, 0, 5, 0, 2, 3],
            ["driller", "refinery hand", "pump man", "tank cleaner"], "oil-field labourer", "depot clerk", "petroleum engineer",
            ["Astrakhan", "Saratov", "Samara"],
            ["{0} Oil Storage Depot", "{0} Kerosene Refinery", "{0} Oil Wharf"]),
        new("TOBACCO", "All-Russia Union of Tobacco Workers", "Tobacco workers", 30_000, 0.70, [55, 38, 0, 4, 0, 2, 1],
            ["cigarette maker", "tobacco sorter", "packer", "tobacco cutter"], "tobacco hand", "factory clerk", "tobacco technologist",
            ["Petrograd", "Moscow"],
            ["{0} State Tobacco Factory No. 1", "{0} Cigarette Factory", "{0} Makhorka Factory"]),
        new("GLASS", "All-Russia Union of Glass and China Workers", "Glass and china workers", 24_000, 0.25, [60, 30, 0, 8, 0, 1, 1],
            ["glassblower", "potter", "china painter", "kiln man", "glass grinder"], "labourer", "works clerk", "ceramics technologist",
            ["Vladimir", "Tver", "Moscow"],
            ["{0} Glassworks", "{0} China Factory", "{0} Bottle Works"]),
        new("PHARMACY", "All-Russia Union of Pharmacy Employees", "Pharmacy employees", 14_000, 0.40, [0, 15, 0, 0, 0, 65, 20],
            ["pharmacist's assistant", "dispenser"], "pharmacy porter", "pharmacy clerk", "pharmacist",
            ["Moscow", "Petrograd"],
            ["{0} Municipal Pharmacy No. 1", "{0} Central Pharmaceutical Store", "{0} Hospital Pharmacy"]),
        new("FOREST", "All-Russia Union of Forest Workers", "Foresters", 5_000, 0.05, [20, 40, 0, 35, 0, 3, 2],
            ["forester", "woodcutter", "forest guard", "rafter", "charcoal burner"], "forest labourer", "forestry clerk", "forest engineer",
            ["Kostroma", "Vologda"],
            ["{0} Forest District", "{0} Timber Rafting Office"]),
    ];

    /// <summary>
    /// Unions of the village poor in the Poor Peasants' Section. The theses propose them and give
    /// no figures; these memberships are invented, small beside the proletarian unions, as the theses wanted.
    /// </summary>
    public static readonly UnionSpec[] VillageUnions =
    [
        Village("KASHINO", "Kashino volost", "Kashino, Tver province", 60_000),
        Village("BOGORODSKOYE", "Bogorodskoye volost", "Bogorodskoye, Nizhny Novgorod province", 55_000),
        Village("SOSNOVKA", "Sosnovka volost", "Sosnovka, Tambov province", 50_000),
        Village("IVANOVKA", "Ivanovka volost", "Ivanovka, Saratov province", 45_000),
        Village("NIKOLSKOYE", "Nikolskoye volost", "Nikolskoye, Kostroma province", 40_000),
        Village("POKROVSKOYE", "Pokrovskoye volost", "Pokrovskoye, Yaroslavl province", 30_000),
    ];

    static UnionSpec Village(string code, string volost, string town, int members) =>
        new($"{SectionCode}-{code}", $"Union of the Village Poor of {volost}", $"Village poor, {volost}", members, 0.35, [0, 0, 0, 25, 75, 0, 0],
            ["farm labourer", "smallholder", "shepherd", "seasonal labourer", "carter"], "farm labourer", "volost clerk", "agronomist",
            [town], []);

    public static readonly string[] Streets =
    [
        "Sovetskaya ulitsa", "Fabrichnaya ulitsa", "Vokzalnaya ulitsa", "Sadovaya ulitsa", "Nikolskaya ulitsa", "Zarechnaya ulitsa",
        "Bolshaya Pokrovskaya ulitsa", "Kazanskaya ulitsa", "Rabochaya ulitsa", "Torgovaya ulitsa", "Kirpichny pereulok",
        "Naberezhnaya ulitsa", "Slobodskaya ulitsa", "Dvortsovaya ulitsa", "Kuznechnaya ulitsa", "Bazarnaya ploshchad",
    ];

    public static readonly (string Reason, string Status)[] Departures =
    [
        ("called up to the Red Army", Features.Members.MemberRules.Left),
        ("left for the countryside", Features.Members.MemberRules.Left),
        ("changed trade", Features.Members.MemberRules.Left),
        ("moved to another town", Features.Members.MemberRules.Left),
    ];

    public static readonly string[] Expulsions = ["strike-breaking", "profiteering", "embezzlement of union funds"];
}
