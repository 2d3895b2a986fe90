using Rally.Features.Members;

namespace Rally.Data.Demo;

/// <summary>
/// Russian given names, patronymics and surnames of the period, transliterated, with their
/// gendered forms and search keys worked out once, so that generating a member allocates nothing.
/// </summary>
static class DemoNames
{
    public sealed record Name(string Text, string Key);

    public static readonly Name[] MaleGiven = Keyed(
    [
        "Ivan", "Pyotr", "Nikolai", "Alexei", "Sergei", "Mikhail", "Vasily", "Fyodor", "Dmitry", "Grigory", "Yakov", "Semyon",
        "Stepan", "Andrei", "Pavel", "Konstantin", "Timofei", "Yegor", "Matvei", "Kuzma", "Prokhor", "Afanasy", "Gavriil", "Ilya",
        "Yefim", "Leonid", "Boris", "Anton", "Maxim", "Roman", "Osip", "Trofim", "Filipp", "Kirill", "Arkady", "Nikita", "Savely",
        "Zakhar", "Terenty", "Vladimir", "Alexander", "Viktor", "Yevgeny", "Georgy", "Lev", "Mark", "Danila", "Platon", "Luka", "Foma",
    ]);

    public static readonly Name[] FemaleGiven = Keyed(
    [
        "Anna", "Maria", "Yevdokia", "Praskovya", "Agafya", "Matryona", "Natalya", "Tatyana", "Olga", "Yelena", "Yekaterina",
        "Alexandra", "Varvara", "Darya", "Akulina", "Pelageya", "Fyokla", "Anisya", "Marfa", "Avdotya", "Irina", "Nadezhda", "Vera",
        "Lyubov", "Sofya", "Klavdia", "Zinaida", "Antonina", "Valentina", "Glafira", "Yefrosinya", "Stepanida", "Ksenia", "Lukerya",
        "Arina", "Vasilisa", "Feodosia", "Yevgenia", "Lidia", "Serafima", "Nina", "Galina", "Taisia", "Ulyana", "Marina",
    ]);

    /// <summary>Fathers' names as patronymics: (son's form, daughter's form).</summary>
    public static readonly (string Male, string Female)[] Patronymics =
    [
        ("Ivanovich", "Ivanovna"), ("Petrovich", "Petrovna"), ("Nikolayevich", "Nikolayevna"), ("Alexeyevich", "Alexeyevna"),
        ("Sergeyevich", "Sergeyevna"), ("Mikhailovich", "Mikhailovna"), ("Vasilyevich", "Vasilyevna"), ("Fyodorovich", "Fyodorovna"),
        ("Dmitriyevich", "Dmitriyevna"), ("Grigoryevich", "Grigoryevna"), ("Yakovlevich", "Yakovlevna"), ("Semyonovich", "Semyonovna"),
        ("Stepanovich", "Stepanovna"), ("Andreyevich", "Andreyevna"), ("Pavlovich", "Pavlovna"), ("Konstantinovich", "Konstantinovna"),
        ("Timofeyevich", "Timofeyevna"), ("Yegorovich", "Yegorovna"), ("Matveyevich", "Matveyevna"), ("Kuzmich", "Kuzminichna"),
        ("Ilyich", "Ilyinichna"), ("Fomich", "Fominichna"), ("Lukich", "Lukinichna"), ("Afanasyevich", "Afanasyevna"),
        ("Yefimovich", "Yefimovna"), ("Osipovich", "Osipovna"), ("Trofimovich", "Trofimovna"), ("Filippovich", "Filippovna"),
        ("Kirillovich", "Kirillovna"), ("Nikitich", "Nikitichna"), ("Zakharovich", "Zakharovna"), ("Gavrilovich", "Gavrilovna"),
        ("Prokhorovich", "Prokhorovna"), ("Savelyevich", "Savelyevna"), ("Terentyevich", "Terentyevna"), ("Antonovich", "Antonovna"),
        ("Maximovich", "Maximovna"), ("Romanovich", "Romanovna"), ("Leonidovich", "Leonidovna"), ("Borisovich", "Borisovna"),
        ("Arkadyevich", "Arkadyevna"), ("Vladimirovich", "Vladimirovna"), ("Alexandrovich", "Alexandrovna"), ("Georgiyevich", "Georgiyevna"),
        ("Lvovich", "Lvovna"), ("Danilovich", "Danilovna"), ("Yevgenyevich", "Yevgenyevna"), ("Viktorovich", "Viktorovna"),
        ("Markovich", "Markovna"), ("Platonovich", "Platonovna"),
    ];

    /// <summary>Surnames in the masculine form, most common first; <see cref="Feminine"/> makes the other.</summary>
    static readonly string[] MaleSurnames =
    [
        "Ivanov", "Smirnov", "Kuznetsov", "Popov", "Vasilyev", "Petrov", "Sokolov", "Mikhailov", "Novikov", "Fyodorov", "Morozov",
        "Volkov", "Alexeyev", "Lebedev", "Semyonov", "Yegorov", "Pavlov", "Kozlov", "Stepanov", "Nikolayev", "Orlov", "Andreyev",
        "Makarov", "Nikitin", "Zakharov", "Zaitsev", "Solovyov", "Borisov", "Yakovlev", "Grigoryev", "Romanov", "Vorobyov", "Sergeyev",
        "Kuzmin", "Frolov", "Alexandrov", "Dmitriyev", "Korolev", "Gusev", "Kiselev", "Ilyin", "Maximov", "Polyakov", "Sorokin",
        "Vinogradov", "Kovalev", "Belov", "Medvedev", "Antonov", "Tarasov", "Zhukov", "Baranov", "Filippov", "Komarov", "Davydov",
        "Belyayev", "Gerasimov", "Bogdanov", "Osipov", "Sidorov", "Matveyev", "Titov", "Markov", "Mironov", "Krylov", "Kulikov",
        "Karpov", "Vlasov", "Melnikov", "Denisov", "Gavrilov", "Tikhonov", "Kazakov", "Afanasyev", "Danilov", "Savelyev", "Timofeyev",
        "Fomin", "Chernov", "Abramov", "Martynov", "Yefimov", "Fedotov", "Shcherbakov", "Nazarov", "Kalinin", "Isayev", "Chernyshev",
        "Bykov", "Maslov", "Rodionov", "Konovalov", "Lazarev", "Voronin", "Klimov", "Filatov", "Ponomarev", "Golubev", "Kudryavtsev",
        "Prokhorov", "Naumov", "Potapov", "Zhuravlev", "Ovchinnikov", "Trofimov", "Leonov", "Sobolev", "Yermakov", "Kolesnikov",
        "Goncharov", "Yemelyanov", "Nikiforov", "Grachev", "Kotov", "Grishin", "Yefremov", "Arkhipov", "Gromov", "Kirillov",
        "Malyshev", "Panov", "Moiseyev", "Rumyantsev", "Akimov", "Kondratyev", "Biryukov", "Gorbunov", "Anisimov", "Yeremin",
        "Tikhomirov", "Galkin", "Lukyanov", "Mikheyev", "Skvortsov", "Yudin", "Belousov", "Nesterov", "Simonov", "Prokofyev",
        "Kharitonov", "Knyazev", "Tsvetkov", "Levin", "Mitrofanov", "Voronov", "Aksyonov", "Sofronov", "Maltsev", "Loginov",
        "Gorshkov", "Savin", "Krasnov", "Mayorov", "Demidov", "Yeliseyev", "Rybakov", "Safonov", "Plotnikov", "Demin", "Khokhlov",
        "Fadeyev", "Molchanov", "Ignatov", "Litvinov", "Yershov", "Ushakov", "Dementyev", "Ryabov", "Mukhin", "Kalashnikov",
        "Leontyev", "Lobanov", "Kuzin", "Korneyev", "Yevdokimov", "Borodin", "Platonov", "Nekrasov", "Balashov", "Bobrov", "Zhdanov",
        "Blinov", "Ignatyev", "Korotkov", "Muravyov", "Kryukov", "Belyakov", "Bogomolov", "Drozdov", "Lavrov", "Zuyev", "Petukhov",
        "Larin", "Nikulin", "Serov", "Terentyev", "Zotov", "Ustinov", "Fokin", "Samoilov", "Konstantinov", "Sazonov", "Tretyakov",
        "Shubin", "Kolosov", "Pakhomov", "Shilov", "Sukhanov", "Shestakov", "Shirokov", "Kopylov", "Bespalov", "Lapin", "Kuvshinov",
        "Lapshin", "Zimin", "Ryzhov", "Rozhdestvensky", "Uspensky", "Preobrazhensky", "Voskresensky", "Pokrovsky",
        "Znamensky", "Troitsky", "Arkhangelsky", "Dobrovolsky", "Kamensky", "Zagorsky", "Yablonsky", "Kovalevsky", "Polevoy",
        "Donskoy", "Lanskoy", "Shevchenko", "Kravchenko", "Tkachenko", "Bondarenko", "Kovalenko", "Petrenko", "Lysenko", "Marchenko",
        "Sedykh", "Chernykh", "Belykh", "Babich", "Kovalchuk", "Moroz",
    ];

    public static readonly (Name Male, Name Female)[] Surnames = [.. MaleSurnames.Distinct().Select(s => (Key(s), Key(Feminine(s))))];

    /// <summary>
    /// The feminine form of a surname: Ivanov → Ivanova, Ilyin → Ilyina, Uspensky → Uspenskaya,
    /// Donskoy → Donskaya; -enko, -ykh, -ich, -uk and the like do not change.
    /// </summary>
    public static string Feminine(string surname) => surname switch
    {
        _ when surname.EndsWith("sky", StringComparison.Ordinal) => surname[..^1] + "aya",
        _ when surname.EndsWith("oy", StringComparison.Ordinal) => surname[..^2] + "aya",
        _ when surname.EndsWith("ov", StringComparison.Ordinal) || surname.EndsWith("ev", StringComparison.Ordinal)
            || surname.EndsWith("yov", StringComparison.Ordinal) || surname.EndsWith("in", StringComparison.Ordinal)
            || surname.EndsWith("yn", StringComparison.Ordinal) => surname + "a",
        _ => surname,
    };

    static Name Key(string text) => new(text, MemberRules.Key(text));

    static Name[] Keyed(string[] names) => [.. names.Select(Key)];
}
