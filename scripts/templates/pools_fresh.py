# -*- coding: utf-8 -*-
"""Fresh Telegram pools for development sets (`render_samples.py --fresh SEED`).

Neither the main pools (MAIN_TEXTS, CHANNELS, AUTHORS in pools.py) nor the holdout pools:
channel posts and chat messages written for tuning on texts and names the main set never
shows. Paragraphs are separated by a single "\n".
"""

# Channel posts: news channels, officials, blogs; short and long, links, hashtags, emoji,
# lists, times and numbers inside the text.
TG_POSTS = {
    "en": [
        "⚡️ The city council approved the new bus network. 14 routes change from March 3; the night lines N1–N4 stay as they are.\nMap and timetables: transit.example.org/new-network",
        "Heads up: the water will be off in the Riverside district tomorrow from 09:00 to 17:00 while crews replace a main under Oak Street.",
        "Our quarterly report is out. Revenue grew 18% year over year, the operating margin reached 11.4%, and we opened two new warehouses in Poland and Portugal.\nThe full PDF is on the investor page.",
        "Reminder: the registration for the spring hackathon closes on Friday at 23:59. Teams of 2–5 people, any stack, prizes worth $20,000.",
        "Weekend reading 📚\n— Why batteries lose capacity in the cold\n— How a tiny startup rebuilt the city's bike-share app\n— The long history of the QWERTY keyboard",
        "BREAKING: A 5.8 magnitude earthquake struck off the coast at 06:12 local time. No tsunami warning has been issued. We will update this post.",
        "Press briefing of the Ministry of Health starts at 12:30. Topics: the flu season, the new vaccination schedule and waiting times in hospitals.",
        "Photo of the day: the first snow in the mountains above the lake 🏔",
        "We fixed the login bug that affected some Android users yesterday. If the app still asks you to sign in again, update to version 7.3.2 from the store.",
        "Thank you all for 100K subscribers! 🎉 When we started this channel three years ago we did not expect more than a few hundred readers.\nAsk us anything in the comments — we will answer the best questions in a video on Sunday.",
        "The exchange rate today: 1 USD = 0.92 EUR, 1 GBP = 1.17 EUR. Gold is up 0.6% at $2,412 per ounce.",
        "Official: the stadium will host the final on 14 June. Tickets go on sale next Monday at 10:00 on the federation's website.",
        "Storm warning for the coast until Thursday morning. Gusts up to 90 km/h are possible; ferries to the islands are cancelled.",
        "New episode is live 🎙 We talk with a firefighter who spent 20 years in the mountain rescue service. Listen: pod.example.com/ep112",
        "Short thread on what changed in the tax rules this year:\n1. The basic allowance rose by 4%.\n2. Freelancers can now file quarterly.\n3. The deadline moved to April 30.",
        "Good evening. Today in brief: the parliament passed the budget in the first reading, the central bank kept its rate, and the airport reopened runway 2 after repairs.",
        "Traffic update 🚗 The northern ring road is closed between exits 7 and 9 after an accident. Expect delays of at least 40 minutes.",
        "Our team is looking for a data journalist in Berlin. Remote work is possible two days a week. Send your portfolio to jobs@example.org",
        "Doors open at 18:00, the concert starts at 19:30.",
        "The museum is free for students every first Sunday of the month. Bring your student card 🎨",
        "We are aware of an outage affecting payments in the app. Engineers are working on it. Cards and transfers in the web version work normally.",
        "Markets close: S&P 500 +0.8%, Nasdaq +1.3%, Dow +0.2%. Oil fell for the third day in a row.",
    ],
    "ru": [
        "⚡️ В Москве с 1 декабря меняется схема движения на Садовом кольце. Подробности и карта перекрытий — по ссылке: mos.example.ru/news/12345",
        "Завтра с 10:00 до 16:00 в Кировском районе не будет горячей воды: плановые работы на теплосети.",
        "Центробанк сохранил ключевую ставку на уровне 16%. Следующее заседание — 13 февраля.\nРешение совпало с прогнозом большинства аналитиков.",
        "Доброе утро! ☕️ Сегодня в городе до +4, после обеда дождь со снегом. Не забудьте зонт.",
        "Главное за день:\n— Правительство утвердило новые правила маркировки молочных продуктов\n— В Петербурге открыли станцию метро «Горный институт»\n— Рубль укрепился к доллару",
        "Мы запускаем новый сервис доставки продуктов за 30 минут. Пока работаем в трёх районах, к весне планируем покрыть весь город 🚚",
        "Внимание! Мошенники рассылают сообщения от имени банка. Сотрудники никогда не просят код из СМС. Если вам звонят — кладите трубку.",
        "Итоги матча: «Зенит» — «Спартак» 2:1. Победный гол забит на 89-й минуте 🔥",
        "Пресс-конференция министра начнётся в 15:00. Прямая трансляция будет на нашем канале.",
        "Синоптики предупреждают о сильном ветре до 25 м/с в выходные. Уберите с балконов всё, что может упасть.",
        "Друзья, спасибо за 50 тысяч подписчиков! Это важный рубеж для нас.\nВ честь этого в пятницу проведём большой эфир с ответами на ваши вопросы. Пишите их в комментариях 👇",
        "Курс на сегодня: доллар — 92,4 ₽, евро — 100,1 ₽, юань — 12,7 ₽.",
        "Фото дня: северное сияние над Мурманском этой ночью ✨",
        "Новая версия приложения уже в сторе. Исправили ошибку с уведомлениями и добавили тёмную тему для планшетов.",
        "С понедельника меняется расписание пригородных электричек на Ярославском направлении. Проверьте время отправления на сайте перевозчика.",
        "Читатель спрашивает: можно ли вернуть деньги за билет, если рейс перенесли больше чем на 5 часов? Да, можно — полностью, без сборов.",
        "Открыта запись в детские кружки на второе полугодие. Робототехника, шахматы, рисование — всё бесплатно.",
        "Срочно: на трассе М-4 в районе 120-го километра столкнулись три грузовика. Движение в сторону Москвы затруднено.",
    ],
    "uk": [
        "⚡️ У Києві з понеділка змінюється рух тролейбусів №16 і №18. Нова схема та розклад — за посиланням: kyiv.example.ua/transport",
        "Завтра з 08:00 до 18:00 у Шевченківському районі не буде електроенергії через планові ремонтні роботи.",
        "Нацбанк залишив облікову ставку на рівні 13,5%. Наступне засідання — 23 січня.\nРішення збіглося з очікуваннями ринку.",
        "Доброго ранку! ☀️ Сьогодні у Харкові до +6, без опадів. Гарного дня всім.",
        "Головне за день:\n— Уряд затвердив нову програму доступних кредитів для малого бізнесу\n— У Львові відкрили оновлений вокзал\n— Гривня трохи зміцнилась до долара",
        "Увага! Шахраї телефонують від імені банку і просять код із СМС. Ніколи не повідомляйте його нікому.",
        "Результат матчу: «Динамо» — «Шахтар» 1:1. Нічия на останніх хвилинах ⚽️",
        "Брифінг міністра розпочнеться о 14:00. Пряма трансляція — на нашому каналі.",
        "Дякуємо за 20 тисяч підписників! 💙💛\nУ п'ятницю проведемо ефір, де відповімо на ваші запитання. Пишіть їх у коментарях.",
        "Курс валют на сьогодні: долар — 41,3 грн, євро — 44,8 грн.",
        "Фото дня: осінні Карпати з висоти пташиного польоту 🍂",
        "Нова версія застосунку вже доступна. Виправили помилку з оплатою карткою та прискорили завантаження стрічки.",
        "Синоптики попереджають про ожеледицю на дорогах уночі та зранку. Водіїв просять бути обережними.",
        "Відкрито запис на безкоштовні курси англійської для дорослих. Заняття двічі на тиждень, онлайн.",
        "Терміново: на трасі Київ — Чоп ускладнений рух через ДТП біля Житомира. Об'їзд через Бердичів.",
        "Ми шукаємо волонтерів на вихідні: сортування гуманітарної допомоги на складі на Подолі, з 10:00 до 15:00.",
    ],
}

# Chat messages of a group: short lines, questions, replies, long ones.
TG_CHAT_MESSAGES = {
    "en": [
        "Who is coming on Saturday?",
        "I'm in 🙋‍♀️",
        "Can someone bring a projector? Ours broke last week.",
        "Running 10 minutes late, start without me",
        "Here is the link to the doc with all the tasks for the sprint: docs.example.com/d/sprint-14",
        "Ok",
        "Thanks everyone, great meeting today 👍",
        "The train was cancelled again, so I will be there around eight. Please keep some pizza for me 🍕",
        "Did anyone see my keys? Blue keychain, left them near the coffee machine",
        "Yes, they are at the reception",
        "Happy birthday, Tom! 🎂🎉",
        "Let's move the call to 15:30, I have a dentist appointment at two.",
        "I uploaded the photos from the trip to the shared album. There are about 200 of them, so take your time.",
        "Agreed",
        "Reminder: rent is due on the 5th",
        "Does anyone know a good plumber in the centre? The kitchen sink is leaking and the landlord is not answering.",
    ],
    "ru": [
        "Кто едет в субботу?",
        "Я еду 🙋‍♂️",
        "Может кто-нибудь взять удлинитель? Наш сгорел.",
        "Опаздываю минут на 15, начинайте без меня",
        "Вот ссылка на таблицу с расходами: docs.example.com/d/trip",
        "Ок",
        "Спасибо всем, отличная встреча 👍",
        "Электричку опять отменили, буду к восьми. Оставьте мне пиццы, пожалуйста 🍕",
        "Никто не видел мои ключи? Синий брелок, оставила у кофемашины",
        "Они на ресепшене",
        "С днём рождения, Серёжа! 🎂🎉",
        "Давайте перенесём созвон на 15:30, у меня врач в два.",
        "Скинула фотки с поездки в общий альбом. Их там около двухсот, смотрите не спеша.",
        "Согласен",
        "Напоминаю: взносы за ноябрь до пятницы",
        "Подскажите хорошего сантехника в центре? Течёт кран на кухне, а хозяин квартиры не отвечает.",
    ],
    "uk": [
        "Хто їде в суботу?",
        "Я їду 🙋‍♀️",
        "Може хтось взяти подовжувач? Наш згорів.",
        "Запізнююсь на 10 хвилин, починайте без мене",
        "Ось посилання на таблицю з витратами: docs.example.com/d/trip",
        "Ок",
        "Дякую всім, чудова зустріч 👍",
        "Потяг знову скасували, буду близько восьмої. Залиште мені піци, будь ласка 🍕",
        "Ніхто не бачив мої ключі? Синій брелок, залишила біля кавоварки",
        "Вони на рецепції",
        "З днем народження, Андрію! 🎂🎉",
        "Давайте перенесемо дзвінок на 15:30, у мене лікар о другій.",
        "Завантажила фото з поїздки в спільний альбом. Їх там десь двісті, дивіться не поспішаючи.",
        "Згоден",
        "Нагадую: внески за листопад до п'ятниці",
        "Порадьте хорошого сантехніка в центрі? Тече кран на кухні, а власник квартири не відповідає.",
    ],
}

# Channel titles of different lengths, with and without emoji and digits.
TG_CHANNELS = {
    "en": ["City Transit Updates", "The Morning Brief ☕️", "Ministry of Health", "Daily Markets", "Alps Weather",
           "Open Source Weekly", "NR", "Harbor Town Police Department", "Podcast Club 🎙"],
    "ru": ["Городские новости", "Утренний обзор ☕️", "Минздрав", "Рынки и курсы", "Погода в Сибири",
           "Фонтанка", "Дорожная служба 112", "Типичный программист 👨‍💻"],
    "uk": ["Міські новини", "Ранковий огляд ☕️", "МОЗ України", "Курси валют сьогодні", "Погода Карпати",
           "Суспільне Харків", "Львів 24/7"],
}

# Group chats: (title, senders).
TG_GROUPS = {
    "en": [("Weekend hikers 🥾", ["Emma Clarke", "Jo", "Mohammed Al-Rashid", "Liam"]),
           ("Flat 4B", ["Sophie", "Daniel Brooks", "Kate"]),
           ("Product team", ["Olivia Martinez", "Noah", "Priya Sharma", "Ben Carter"])],
    "ru": [("Походы по выходным 🥾", ["Марина Белова", "Костя", "Алексей Григорьев", "Оля"]),
           ("Квартира 12", ["Дима", "Наталья Сергеевна", "Игорь"]),
           ("Команда продукта", ["Вера Никитина", "Паша", "Анастасия Кузнецова"])],
    "uk": [("Походи на вихідних 🥾", ["Оксана Бондар", "Тарас", "Михайло Кравченко", "Ліза"]),
           ("Будинок на Садовій", ["Ірина Петрівна", "Богдан", "Юля"]),
           ("Команда продукту", ["Віталій Мельник", "Настя", "Роман"])],
}

# Sources of forwarded posts.
TG_FWD_SOURCES = ["Associated Press", "BBC News", "Euronews", "Коммерсантъ", "Медуза", "Українська правда",
                  "hromadske", "Le Monde"]

# Chat list rows of a full window (name, preview).
TG_CHATLIST = {
    "en": [("Dad", "Sent you the photos"), ("Landlord", "The heating is fixed"), ("Gym buddies", "Jo: 7 am tomorrow?"),
           ("Travel deals ✈️", "Lisbon from €39"), ("Anna", "See you!"), ("Saved Messages", "invoice_march.pdf")],
    "ru": [("Папа", "Скинул фото"), ("Хозяйка квартиры", "Батарею починили"), ("Спортзал", "Костя: завтра в 7?"),
           ("Дешёвые билеты ✈️", "Стамбул от 9 900 ₽"), ("Аня", "До встречи!"), ("Избранное", "счёт_март.pdf")],
    "uk": [("Тато", "Надіслав фото"), ("Власниця квартири", "Батарею полагодили"), ("Спортзал", "Тарас: завтра о 7?"),
           ("Дешеві квитки ✈️", "Варшава від 899 грн"), ("Аня", "До зустрічі!"), ("Збережене", "рахунок_березень.pdf")],
}
