# -*- coding: utf-8 -*-
"""Text, author and channel pools for scripts/render_samples.py.

Every post text is a plain string: paragraphs are separated by a single "\n".
MAIN_TEXTS feed samples/<platform>/, HOLDOUT_TEXTS feed samples/holdout/ only.
"""

MAIN_TEXTS = {
    "en": [
        "Breaking: The Federal Reserve held rates steady at 4.25%–4.50%, citing “solid” job growth and inflation that remains “somewhat elevated.” Powell speaks at 2:30 PM ET.",
        "Oil prices jumped 3% on Wednesday — the biggest one-day gain since June — after OPEC+ signalled it could extend output cuts into next year. bloomberg.com/news/artic…",
        "Just landed in Riyadh 🇸🇦 for the Future Investment Initiative. Looking forward to productive talks on energy, AI and infrastructure. #FII9",
        "Good morning ☀️",
        "We’re hiring! Our infrastructure team is looking for a senior Rust engineer (remote, EU time zones). DM me or apply at jobs.example.com/rust 🦀",
        "What we learned shipping our first on-device model:\n1/ Quantization is not free. We lost 2.1 points of accuracy going from fp16 to int4, and got most of it back with a 30-minute calibration pass.\n2/ Latency matters more than size. Users noticed every 100 ms.",
        "Congratulations to @NASA and @SpaceX on a flawless launch 🚀 Crew-11 is on its way to the International Space Station.",
        "The U.S. economy added 227,000 jobs in November, beating the 200,000 forecast. Unemployment ticked up to 4.2%. Full breakdown: reuters.com/markets/us/jo…",
        "Hot take: the best productivity tool is still a paper notebook and a pen that doesn’t skip.",
        "Snow is coming. 8–12 inches expected across the Twin Cities between Friday night and Sunday morning. Plan ahead, check on your neighbours, and stay off the roads if you can ❄️",
        "Today we’re releasing version 2.0 of our open-source library. It’s 3× faster, uses half the memory and finally supports Windows. Huge thanks to the 140 contributors who made it happen 🙏\nRelease notes: github.com/example/relea…",
        "“The market can stay irrational longer than you can stay solvent.” Worth remembering this week.",
        "Inflation in the euro area slowed to 2.1% in October, down from 2.2% in September, according to a flash estimate from Eurostat. Core inflation held at 2.4%. #ECB #euro",
        "What a match. 2–1 after extra time, and that save in the 118th minute 🔥🔥🔥 #UCL",
        "Our statement on today’s announcement:\nWe welcome the agreement reached in Geneva and call on all parties to implement it in full and without delay. Dialogue remains the only path to lasting peace.\nWe will continue to support humanitarian efforts on the ground.",
        "New paper 📄 We show that small language models trained on 2B carefully filtered tokens can match models 10× their size on grade-school math. arxiv.org/abs/2511.04…",
        "The line at the DMV this morning was 47 people long. I counted. Twice.",
        "Tesla shares rose 6.8% in after-hours trading after the company reported record deliveries of 497,099 vehicles in the third quarter.",
        "PSA: if your flight was cancelled because of the storm, you are entitled to a full refund — not just a voucher. Don’t let the airline tell you otherwise.",
        "I spent the last three months interviewing 52 founders about how they hire their first ten engineers. A few patterns stood out.\nFirst, almost nobody used a recruiter for the first five hires. Referrals and cold outreach did most of the work, and the best candidates usually came from someone’s former team.\nSecond, the take-home assignment is dying. Most teams replaced it with a paid one-day trial, which candidates preferred and which predicted performance far better.\nThird, equity conversations started much earlier than I expected — often in the very first call. Founders who were open about the cap table closed candidates faster.\nI’ll publish the full write-up next week, including the questions I asked and the anonymised answers.",
        "Gold hit a new all-time high of $4,381 an ounce on Monday as investors piled into safe-haven assets. Silver climbed above $54 for the first time since 1980.",
        "This is the view from our office today. Not bad for a Tuesday 🌊",
        "Bitcoin falls below $90,000 for the first time since April, erasing its gains for the year. More than $1.1 billion in leveraged positions were liquidated in 24 hours.",
        "Reminder: polls close at 8 PM tonight. If you’re in line by 8, you can vote. Stay in line! 🗳️",
        "A quick update on the outage: all services are restored as of 14:20 UTC. The root cause was a misconfigured DNS record during a routine migration. We’re sorry for the disruption and will publish a full post-mortem.",
        "Paris, you were incredible tonight. 68,000 of you singing every word — I’m still shaking. See you in Berlin on Friday 🇫🇷❤️",
        "Apple is in talks to pay about $1 billion a year for a custom version of Google’s Gemini model to power a revamped Siri, according to people familiar with the matter.",
        "Just finished my first marathon. 4:12:37. My legs are done, my heart is full. Thank you to everyone who cheered at mile 20 — you have no idea how much it helped.",
        "Three things every API should have:\n• clear error messages\n• idempotent retries\n• a changelog people can actually read",
        "The US and Russia are closer than ever to a real economic dialogue 🇺🇸🇷🇺 Trade, energy and Arctic projects could unlock $300+ billion in opportunities. Good meetings today with @SteveWitkoff.",
        "Thank you, @business, for the balanced coverage. The numbers speak for themselves: 14% growth in non-oil exports this year.",
    ],
    "ru": [
        "Сегодня в Москве прошли переговоры с делегацией Саудовской Аравии. Обсудили совместные инвестиционные проекты в энергетике, логистике и высоких технологиях — объём портфеля уже превышает $10 млрд 🇷🇺🇸🇦",
        "Курс доллара на Мосбирже опустился ниже 78 рублей впервые с июня. Аналитики связывают укрепление рубля с налоговым периодом и высокими ставками.",
        "Доброе утро! В Петербурге снова дождь ☔️ Кто-нибудь вообще помнит, как выглядит солнце?",
        "Банк России сохранил ключевую ставку на уровне 16,5% годовых. Следующее заседание совета директоров запланировано на 19 декабря. #ЦБ #ставка",
        "Мы внимательно изучили опубликованный текст и считаем, что он требует серьёзной доработки.\nРоссийская сторона готова к конструктивному диалогу на основе взаимного уважения и учёта интересов безопасности всех сторон.",
        "Открыли набор на зимнюю школу по машинному обучению! Две недели, 40 участников, лекции на русском и английском. Заявки принимаем до 15 декабря: ml-school.ru/winter",
        "«Зенит» обыграл «Спартак» со счётом 2:1 и вышел на первое место в таблице РПЛ ⚽️🔥",
        "Ровно 10 лет назад я запустил свой первый стартап из съёмной квартиры в Казани. Было страшно, денег не хватало, половина друзей крутила пальцем у виска.\nСегодня в команде 230 человек, а нашими продуктами пользуются в 14 странах.\nСпасибо всем, кто верил — и тем, кто не верил, тоже. Вы мотивировали больше всех.",
        "Минфин разместил ОФЗ на 112 млрд рублей — это рекордный объём с начала года. Спрос превысил предложение почти в два раза.",
        "Кто знает хороший сервис по ремонту ноутбуков в центре? Экран начал мигать, а гарантия закончилась месяц назад 🙃",
        "Коротко о главном за неделю:\n— запуск «Союза МС-28» прошёл штатно;\n— в Москве открылись ещё три станции метро;\n— морозы до −20 °C ожидаются уже в выходные.",
        "Новые данные Росстата: годовая инфляция в октябре замедлилась до 7,7%. Это минимальное значение с начала 2024 года.",
        "Российско-американская экономическая группа продолжит работу в декабре. Обсуждаем совместные проекты в Арктике, редкоземельные металлы и возобновление прямого авиасообщения ✈️",
    ],
    "uk": [
        "Сьогодні у Києві повітряна тривога тривала майже три години. Дякуємо всім, хто працює, щоб світло і вода були в наших домівках 💙💛",
        "Нацбанк залишив облікову ставку без змін — 15,5%. Наступне засідання правління з монетарної політики відбудеться 11 грудня. bank.gov.ua/ua/news/all/…",
        "Доброго ранку! ☕️ Сьогодні у Львові +3 і легкий туман. Ідеальна погода для другої чашки кави.",
        "Ми запускаємо безкоштовні курси програмування для ветеранів та їхніх родин. Перший потік — 120 учасників, навчання онлайн, старт 1 грудня.\nРеєстрація відкрита до 25 листопада. Поширте, будь ласка 🙏",
        "Українські розробники представили на конференції в Лісабоні систему розпізнавання дронів, яка працює навіть на старих смартфонах. #WebSummit #техно",
        "«Шахтар» вийшов до плей-оф Ліги конференцій! 3:0 — і жодних шансів суперникам ⚽️",
        "Ціни на пальне за тиждень зросли в середньому на 1,2 грн за літр. Найдорожчий бензин зараз в Одесі та Києві.",
        "Прочитала за вихідні нову книжку Сергія Жадана. Сильна, болюча і дуже чесна. Рекомендую всім, хто ще не встиг.",
    ],
}

HOLDOUT_TEXTS = {
    "en": [
        "Update: the bridge on Route 9 will stay closed until at least Thursday while engineers inspect the damaged supports. Use the I-84 detour.",
        "My grandmother turned 100 today 🎂 She still does the crossword in pen every morning and beats me at chess.",
        "Microsoft shares fell 4% after the company said capital spending on AI data centres would rise “significantly” next quarter. cnbc.com/2025/11/26/mi…",
        "If you only read one thing this weekend, make it this long piece by @karaswisher on the state of the tech industry.",
        "Every great product I’ve used had one thing in common: someone on the team cared about the boring parts.\nThe error messages. The empty states. The loading screens.\nNobody notices them until they are wrong.",
        "Official: the summit will take place in Budapest on December 12. Both leaders have confirmed their attendance. #diplomacy",
        "Coffee count today: 4 ☕ Lines of code shipped: 12. Meetings survived: 6.",
        "Japan’s Nikkei 225 closed at a record 52,411 points on Friday, driven by chipmakers and a weaker yen. The index is up 31% this year.",
        "We did it! 🎉 After 18 months of work, the new children’s hospital wing in Leeds is officially open. 64 beds, two operating theatres and a rooftop garden.",
        "Reading list for the flight:\n1. The Power Broker\n2. Chip War\n3. A very long report on shipping insurance that I promised to finish",
    ],
    "ru": [
        "В Новосибирске открылся новый научный центр синхротронных исследований. Первые эксперименты запланированы уже на весну 2026 года 🔬",
        "Сегодня на экономическом форуме подписали 27 соглашений на общую сумму более 300 млрд рублей. Подробности — в нашем канале.",
        "Напоминаем: с 1 декабря меняются правила оформления загранпаспортов. Старые заявления, поданные до этой даты, останутся в силе.",
        "Честно говоря, не ожидал такой реакции на вчерашний пост. Спасибо за сотни сообщений — постараюсь ответить всем до конца недели.\nИ да, продолжение будет.",
        "«Локомотив» объявил о продлении контракта с главным тренером до 2028 года. #РПЛ",
    ],
    "uk": [
        "У Харкові відкрили ще одну підземну школу. Тут навчатимуться понад 900 дітей у дві зміни ✏️",
        "Вітаю всіх з Днем української писемності та мови! Пишімо, читаймо і говорімо українською 💙💛",
        "Укренерго: графіки відключень сьогодні не застосовуються. Просимо ощадливо споживати електроенергію у вечірні години.",
    ],
}

# X / Bluesky / Threads / Mastodon authors.  badge: None | "blue" | "gold" | "grey".
# org=True gives a rounded-square logo avatar (X shows organisations that way).
AUTHORS = [
    dict(name="Bloomberg", handle="business", badge="gold", org=True, logo="B", color="#000000", lang="en"),
    dict(name="Reuters", handle="Reuters", badge="gold", org=True, logo="R", color="#ff8000", lang="en"),
    dict(name="Kirill A. Dmitriev", handle="kadmitriev", badge="blue", lang="en"),
    dict(name="NASA", handle="NASA", badge="grey", org=True, logo="N", color="#0b3d91", lang="en"),
    dict(name="Sarah Chen", handle="sarahchen_dev", badge="blue", lang="en"),
    dict(name="Mike Torres", handle="miketorres", badge=None, lang="en"),
    dict(name="Anna 🌻", handle="anna_writes", badge=None, lang="en"),
    dict(name="TechCrunch", handle="TechCrunch", badge="gold", org=True, logo="TC", color="#0a9e01", lang="en"),
    dict(name="Dr. James Wu", handle="jameswu_md", badge="blue", lang="en"),
    dict(name="Dev Patel 🚀", handle="devpatel_", badge="blue", lang="en"),
    dict(name="Linda Okafor", handle="lindaokafor", badge=None, lang="en"),
    dict(name="The Economist", handle="TheEconomist", badge="gold", org=True, logo="E", color="#e3120b", lang="en"),
    dict(name="Кирилл Дмитриев", handle="kadmitriev", badge="blue", lang="ru"),
    dict(name="Мария Захарова 🇷🇺", handle="MZakharova_MFA", badge="grey", lang="ru"),
    dict(name="Банк России", handle="bank_of_russia", badge="grey", org=True, logo="ЦБ", color="#1b4b8f", lang="ru"),
    dict(name="Елена Смирнова ✨", handle="lena_smirnova", badge=None, lang="ru"),
    dict(name="Алексей Воронин", handle="a_voronin", badge="blue", lang="ru"),
    dict(name="РБК", handle="ru_rbc", badge="gold", org=True, logo="РБК", color="#2b2b2b", lang="ru"),
    dict(name="Оксана Коваль 🇺🇦", handle="oksana_koval", badge="blue", lang="uk"),
    dict(name="Ігор Бондаренко", handle="ibondarenko", badge=None, lang="uk"),
    dict(name="Українська правда", handle="ukrpravda_news", badge="gold", org=True, logo="УП", color="#c8102e", lang="uk"),
    dict(name="Олена Шевчук", handle="olena_shevchuk", badge=None, lang="uk"),
]

HOLDOUT_AUTHORS = [
    dict(name="Financial Times", handle="FT", badge="gold", org=True, logo="FT", color="#fcd0b1", fg="#000", lang="en"),
    dict(name="Priya Raman", handle="priya_r", badge="blue", lang="en"),
    dict(name="Joe Miller ⚾", handle="joemiller77", badge=None, lang="en"),
    dict(name="Дмитрий Орлов", handle="d_orlov", badge="blue", lang="ru"),
    dict(name="ТАСС", handle="tass_agency", badge="gold", org=True, logo="ТАСС", color="#1a3e8c", lang="ru"),
    dict(name="Тарас Мельник", handle="taras_melnyk", badge=None, lang="uk"),
]

# Telegram channels (no handle, no badge).
CHANNELS = {
    "en": ["Markets Daily 📈", "Bloomberg", "Tech Digest", "World News Now"],
    "ru": ["Экономика сегодня", "Новости Москвы 24", "Жёлтый слон 🐘", "Банки и деньги"],
    "uk": ["Київ Оперативний", "Техно Дайджест UA", "Економічна правда"],
}
HOLDOUT_CHANNELS = {
    "en": ["Crypto Wire ⚡"],
    "ru": ["Сибирь.Онлайн"],
    "uk": ["Львів Сьогодні"],
}

# Facebook display names (pages and people).
FB_NAMES = {
    "en": [("City of Portland", True), ("Emily Johnson", False), ("BBC News", True), ("Mark Davies", False), ("Green Valley Farm 🌾", False)],
    "ru": [("Ирина Ковалёва", False), ("Российская газета", True), ("Андрей Петров", False)],
    "uk": [("Наталія Гнатюк", False), ("Суспільне Новини", True), ("Андрій Савчук", False)],
}
HOLDOUT_FB_NAMES = {"en": [("Rachel Green", False)], "ru": [("Сергей Миронов", False)], "uk": [("Ольга Ткаченко", False)]}

BSKY_AUTHORS = [
    ("Jay Graber", "jay.bsky.team", True), ("Alex Rivera", "alexrivera.bsky.social", False),
    ("Hannah 🌿", "hannahgreen.bsky.social", False), ("The Verge", "theverge.com", True),
    ("Марина Лебедева", "marina-l.bsky.social", False), ("Богдан Кравчук", "bohdan.bsky.social", False),
    ("Paul Krugman", "paulkrugman.bsky.social", True),
]
THREADS_AUTHORS = [("zuck", True), ("natgeo", True), ("maria.travels", False), ("dmitry_photo", False),
                   ("kyiv.food", False), ("bbcnews", True), ("sam.codes", False)]
MASTO_AUTHORS = [("Eugen Rochko", "Gargron@mastodon.social"), ("Julia Evans", "b0rk@jvns.ca"),
                 ("Open Source Daily", "osdaily@fosstodon.org"), ("Антон Соколов", "anton@mastodon.ru"),
                 ("Ірина 🌻", "iryna@mastodon.social"), ("Nathan", "nathan@hachyderm.io")]

ARTICLE_PARAS = {
    "en": [
        "The comments came as officials from both countries met for a second day of talks aimed at easing trade restrictions and restoring direct flights.",
        "Investors reacted cautiously. The benchmark index closed 0.4% higher, while the dollar weakened slightly against a basket of major currencies.",
        "Analysts said the statement signalled a shift in tone, though few expected concrete agreements before the end of the year.",
        "In a separate post later in the day, he said that further meetings were planned for December and that details would be announced “in due course.”",
    ],
    "ru": [
        "Заявление прозвучало на фоне второго дня переговоров, посвящённых снятию торговых ограничений и возобновлению прямого авиасообщения.",
        "Рынок отреагировал сдержанно: индекс Мосбиржи по итогам торгов вырос на 0,4%, рубль незначительно укрепился к доллару.",
        "По словам аналитиков, тон заявления заметно изменился, однако конкретных договорённостей до конца года они не ждут.",
        "Позднее он добавил, что следующие встречи запланированы на декабрь, а подробности будут объявлены «в своё время».",
    ],
    "uk": [
        "Заява пролунала на тлі другого дня переговорів щодо зняття торговельних обмежень і відновлення прямого авіасполучення.",
        "Ринки відреагували стримано: гривня трохи зміцнилася, а ціни на пальне залишилися без змін.",
        "Аналітики вважають, що тон заяви помітно змінився, проте конкретних домовленостей до кінця року не очікують.",
        "Пізніше він додав, що наступні зустрічі заплановані на грудень, а подробиці оголосять згодом.",
    ],
}
ARTICLE_HEADLINES = {
    "en": ["Envoy says economic dialogue is ‘closer than ever’ as talks resume", "Markets edge higher after upbeat comments on trade talks"],
    "ru": ["Спецпредставитель заявил о «беспрецедентном» прогрессе в экономическом диалоге", "Рынки отреагировали ростом на заявления о переговорах"],
    "uk": ["Посланець заявив про прогрес в економічному діалозі", "Ринки зросли після заяв про переговори"],
}
