-- The contact desk's settings that staff change at runtime (the console edits them): calling
-- hours per weekday and closed days, which override zaiko.contact.calendar.*, and the tone
-- guard's phrase list. Every node caches them and reads a version number at most once a second
-- to learn that another node changed them.

create table contact_settings_version (
    name     text primary key check (name in ('calendar', 'tone')),
    version  bigint not null
);
insert into contact_settings_version (name, version) values ('calendar', 0), ('tone', 0);

-- A row overrides the configured hours of its weekday; no row: the configuration's.
create table contact_calling_hours (
    weekday     text primary key check (weekday in
                    ('MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY')),
    opens       time,                   -- both null: closed that weekday
    closes      time,
    updated_at  timestamptz not null,
    check ((opens is null and closes is null) or (opens is not null and closes is not null and opens < closes))
);

-- Days the shop is closed on top of the weekly closing days and national holidays.
create table contact_closed_days (
    day         date primary key,
    reason      text not null check (length(reason) between 1 and 200),
    created_at  timestamptz not null
);

-- Phrases that shift the blame or sound careless in what a customer reads or hears. normalised is
-- the phrase as the guard compares it (NFKC, lower case, single spaces): one phrase per locale.
create table contact_tone_phrases (
    id          bigserial primary key,
    locale      text not null check (locale in ('ja', 'en')),
    phrase      text not null check (length(phrase) between 1 and 100),
    normalised  text not null,
    suggestion  text not null check (length(suggestion) between 1 and 300),
    why         text not null check (length(why) between 1 and 500),
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    unique (locale, normalised)
);

-- The seed list: already in normalised form (lower case, single spaces, no full-width letters).
insert into contact_tone_phrases (locale, phrase, normalised, suggestion, why, created_at, updated_at)
select locale, phrase, phrase, suggestion, why, now(), now()
from (values
    ('ja', 'システムの関係で', '弊社の管理不足により',
        '仕組みのせいにすると「そっちの都合だろう」と受け取られます。原因は当店にあると認めます。'),
    ('ja', 'システムの都合', '弊社の確認不足',
        'お客様には当店の仕組みは関係ありません。当店の落ち度として伝えます。'),
    ('ja', 'システム上', '弊社の在庫管理の誤りで',
        '「システム上は」は言い訳に聞こえ、相手の怒りに火を注ぎます。'),
    ('ja', '手違いで', 'わたくしどもの不手際で',
        '誰の手違いかをぼかすと責任逃れに聞こえます。当店の不手際と明言します。'),
    ('ja', '諸事情により', '弊社の管理不足により（理由を具体的に）',
        '理由を伏せると不信感を招きます。何が起きたかを当店の責任として具体的に伝えます。'),
    ('ja', '事情により', '弊社の不手際により',
        '事情という言葉は原因を外に置きます。当店の責任として伝えます。'),
    ('ja', '都合により', '弊社の不手際により',
        '「都合」はお客様から見れば店側の勝手な理由です。'),
    ('ja', '仕方ない', '大変申し訳ございません。代わりにご提案させてください',
        '諦めの言葉は突き放した印象を与えます。できることを示します。'),
    ('ja', '仕方がない', '大変申し訳ございません。代わりにご提案させてください',
        '諦めの言葉は突き放した印象を与えます。できることを示します。'),
    ('ja', '今後とも', '次回こそ',
        'ご迷惑をおかけした直後の「今後とも」は無責任に聞こえます。締めには「次回こそ」を使います。'),
    ('ja', '担当者が不在', 'わたくしが責任を持って承ります',
        '担当者のせいにせず、電話に出た者が引き受けます。'),
    ('ja', '決まりですので', 'わたくしどもでできることをご案内いたします',
        '規則を盾にすると冷たく聞こえます。できることから伝えます。'),
    ('ja', 'わかりかねます', 'お調べして折り返しご連絡いたします',
        '分からないまま終わらせず、確認して連絡すると約束します。'),
    ('en', 'due to the system', 'because of our own mistake in managing stock',
        'Blaming a system sounds like blaming no one; the customer hears an excuse.'),
    ('en', 'system error', 'our mistake',
        'The customer does not care which part failed: the shop did.'),
    ('en', 'the system', 'we',
        'Name who is responsible: the shop, not its software.'),
    ('en', 'a mix-up', 'our mistake',
        'A mix-up has no owner; say who made the mistake.'),
    ('en', 'due to circumstances', 'because of our own mistake',
        'Vague circumstances hide the cause and sound evasive.'),
    ('en', 'circumstances beyond our control', 'our mistake, which we should have caught',
        'An oversold item was within our control; claiming otherwise sounds dishonest.'),
    ('en', 'from now on', 'next time',
        'Right after a mistake, promise to do better next time rather than ask for loyalty.'),
    ('en', 'going forward', 'next time',
        'Corporate phrasing sounds distant; speak about the next order plainly.'),
    ('en', 'unfortunately there is nothing we can do', 'here is what we can do for you',
        'Never end on nothing: offer the options the customer has.'),
    ('en', 'as per our policy', 'what we can offer you is',
        'Hiding behind a policy sounds cold; say what you can do.'),
    ('en', 'it''s not our fault', 'we are sorry; this is our responsibility',
        'Denying fault to an inconvenienced customer ends the trust.'),
    ('en', 'it is not our fault', 'we are sorry; this is our responsibility',
        'Denying fault to an inconvenienced customer ends the trust.'),
    ('en', 'technical issue', 'our mistake',
        'A technical issue is still the shop''s responsibility.'),
    ('en', 'calm down', 'I understand, and I am sorry',
        'Telling an upset customer to calm down makes it worse; acknowledge first.')
) as seed (locale, phrase, suggestion, why);
