"""The shape and the word lists of the demo data set (`prize demo`).

Every company and person is fictional; phone numbers use ranges reserved for fiction.
"""

from __future__ import annotations

# -- shape of the data set ---------------------------------------------------

STAGE_SHARES = (("target", .32), ("reached out", .30), ("connected", .12),
                ("conversation", .07), ("meeting booked", .03), ("met", .04),
                ("referral", .02), ("dormant", .10))
# interactions per contact at each stage (min, max): a year of use, ~2 per contact
TOUCHES = {"target": (0, 0), "reached out": (1, 3), "connected": (2, 4), "conversation": (3, 6),
           "meeting booked": (3, 6), "met": (4, 8), "referral": (5, 10), "dormant": (2, 4)}
ADVANCED = ("conversation", "meeting booked", "met", "referral")
CHANNEL_KINDS = {"LinkedIn": ("message", "message", "comment"), "X/Twitter": ("message", "comment"),
                 "Facebook": ("message", "comment"), "Email": ("email",), "Phone": ("call",),
                 "Video call": ("video",), "In person": ("in person",)}
MEETING_CHANNEL = {"phone": "Phone", "video": "Video call", "in person": "In person"}
BUDGETS = {"LinkedIn": 300, "X/Twitter": 90, "Email": 120, "Research": 180, "Applications": 150,
           "Phone": 90, "Articles & comments": 120, "Video call": 60, "Facebook": 30,
           "In person": 60}
GOALS = {"meetings": 2, "contacts": 15, "conversations": 4, "articles": 1, "applications": 5}
# recurring blocks begun in the first week: (channel, activity, target, weekdays, start,
# minutes, every n weeks, day of the first week whose occurrence is skipped or moved)
SERIES = (
    ("LinkedIn", "Engage in LinkedIn groups", "fintech in Berlin", (1, 3), "09:00", 45, 1, 3),
    ("Research", "Research target companies", "remote-first startups", (0,), "14:00", 60, 1, 0),
    ("Phone", "Follow-up calls", "warm contacts", (2,), "10:00", 60, 2, None),
)


# -- words -------------------------------------------------------------------

FIRST_NAMES: tuple[str, ...] = (
    "Aisha", "Amara", "Ana", "Andrei", "Anil", "Anna", "Aroha", "Ayşe", "Bao", "Beatriz",
    "Ben", "Björn", "Carlos", "Chen", "Chidi", "Chloé", "Daniel", "Dmitri", "Elena", "Elif",
    "Emeka", "Emily", "Fatima", "Felipe", "Fiona", "François", "Gabriel", "Giulia", "Hana",
    "Hannah", "Hiroshi", "Ibrahim", "Ines", "Ivan", "Jakub", "James", "Jana", "Javier",
    "Ji-woo", "João", "Jonas", "Julia", "Kai", "Kalani", "Karim", "Katarzyna", "Kenji",
    "Kwame", "Lars", "Laura", "Layla", "Leila", "Liam", "Lina", "Lucas", "Lucía", "Mai",
    "Malik", "Maria", "Marta", "Mateo", "Mehmet", "Mei", "Mia", "Min-jun", "Mohammed",
    "Nadia", "Naveen", "Nia", "Niamh", "Nikos", "Noah", "Noor", "Olga", "Olumide", "Omar",
    "Oscar", "Paolo", "Pooja", "Priya", "Rahul", "Rania", "Rafael", "Ravi", "Rosa", "Ruth",
    "Sakura", "Samuel", "Sara", "Sebastián", "Seo-yeon", "Siddharth", "Sina", "Sofia",
    "Søren", "Tariq", "Thandiwe", "Thomas", "Tomás", "Uchenna", "Valentina", "Vikram",
    "Wei", "Xin", "Yara", "Yasmin", "Yuki", "Yusuf", "Zainab", "Zanele", "Zoe", "Zofia",
)

LAST_NAMES: tuple[str, ...] = (
    "Abebe", "Adeyemi", "Ahmed", "Alvarez", "Andersson", "Bakker", "Banerjee", "Becker",
    "Bianchi", "Brown", "Campbell", "Chatterjee", "Chen", "Cohen", "Costa", "Dubois",
    "Dvořák", "Eriksen", "Fernandes", "Fischer", "Fujita", "García", "Gonzalez", "Gupta",
    "Haddad", "Hansen", "Hernández", "Hoffmann", "Horvath", "Hussain", "Ibrahim", "Ito",
    "Iyer", "Jansen", "Johansson", "Kahale", "Kamau", "Kapoor", "Kaya", "Kim", "Kowalski",
    "Kumar", "Larsen", "Lee", "Li", "Lopez", "Mahlangu", "Martin", "Mendes", "Menon",
    "Mensah", "Moreau", "Müller", "Murphy", "Nakamura", "Nguyen", "Novák", "Nowak",
    "O'Brien", "O'Connor", "Okafor", "Okonkwo", "Olsen", "Osei", "Papadopoulos", "Park",
    "Patel", "Pereira", "Petrov", "Popescu", "Quispe", "Rahman", "Reddy", "Reyes", "Rossi",
    "Sánchez", "Santos", "Sato", "Schmidt", "Schneider", "Shapiro", "Silva", "Singh",
    "Smith", "Sokolova", "Suzuki", "Tanaka", "Taylor", "Te Ao", "Tran", "Van der Berg",
    "Virtanen", "Wagner", "Walker", "Wang", "Watanabe", "Weber", "Wiśniewska", "Wong",
    "Yamamoto", "Yılmaz", "Zhang", "Zhou",
)

# Names that check literal display: markup, combining letters and non-Latin script.
# (display name, first name for URLs, last name for URLs)
LITERAL_NAMES: tuple[tuple[str, str, str], ...] = (
    ("[bold]Ann[/bold] Markup", "ann", "markup"),
    ("Zoë Ørsted-Łukasz", "zoe", "orsted-lukasz"),
    ("王秀英", "xiuying", "wang"),
)

# (company, industry)
COMPANIES: tuple[tuple[str, str], ...] = (
    ("Acme Corp", "Manufacturing"), ("Northwind Analytics", "Data & AI"),
    ("Lumen Pay", "Fintech"), ("Brightline Health", "Healthtech"),
    ("Kestrel Logistics", "Logistics"), ("Smith, Jones & Co", "Consulting"),
    ("Halvorsen, Ruiz & Partners", "Legal tech"), ("Bauer, Klein und Söhne", "Manufacturing"),
    ("Tidewater Energy", "Climate tech"), ("Greenleaf Grid", "Climate tech"),
    ("Quillstone", "SaaS"), ("Pebble & Pine", "E-commerce"), ("Orbital Freight", "Logistics"),
    ("Nimbus Ledger", "Fintech"), ("Cobalt Shield", "Cybersecurity"),
    ("Redwood Robotics", "Robotics"), ("Saffron Labs", "Biotech"),
    ("Mosaic Learning", "Edtech"), ("Harbor Insurance Group", "Insurance"),
    ("Fjord Games", "Gaming"), ("Atlas Mobility", "Automotive"), ("Verdant Foods", "Food tech"),
    ("Beacon Civic Digital", "Public sector"), ("Parallax Media", "Media"),
    ("Kinetic Cloud", "Cloud infrastructure"), ("Sable Security", "Cybersecurity"),
    ("Juniper Bank", "Fintech"), ("Meridian Health Systems", "Healthtech"),
    ("Copperfield Retail", "E-commerce"), ("Helix Genomics", "Biotech"),
    ("Lighthouse Data", "Data & AI"), ("Stratus Labs", "Cloud infrastructure"),
    ("Wren & Finch", "Consulting"), ("Polaris Payments", "Fintech"),
    ("Ember Analytics", "Data & AI"), ("Arbor Climate", "Climate tech"),
    ("Nova Tutor", "Edtech"), ("Ironbridge Capital", "Fintech"), ("Bluefin Travel", "Travel"),
    ("Cedar & Stone Architects", "Construction"), ("Quantum Peak", "Deep tech"),
    ("Marigold Commerce", "E-commerce"), ("Sparrow Health", "Healthtech"),
    ("Tessellate", "SaaS"), ("Driftwood Studios", "Gaming"), ("Keystone Mutual", "Insurance"),
    ("Pinecone Systems", "SaaS"), ("Zephyr Mobility", "Automotive"),
    ("Obsidian Trust", "Cybersecurity"), ("Castellan Legal", "Legal tech"),
    ("Aurora Biologics", "Biotech"), ("Riverbank Credit", "Fintech"),
    ("Signal & Noise", "Media"), ("Umbra Robotics", "Robotics"), ("Vantage Freight", "Logistics"),
    ("Willow Care", "Healthtech"), ("Yarrow Agritech", "Agritech"), ("Kaleido Labs", "Data & AI"),
    ("Monolith Infra", "Cloud infrastructure"), ("Meadowlark Software", "SaaS"),
)

ROLES: tuple[tuple[str, int], ...] = (  # (role, weight)
    ("Engineering Manager", 10), ("Staff Engineer", 8), ("Senior Software Engineer", 10),
    ("Principal Engineer", 4), ("Recruiter", 9), ("Technical Recruiter", 7),
    ("Talent Partner", 6), ("Head of Data", 4), ("Head of Engineering", 4), ("CTO", 3),
    ("VP Engineering", 3), ("Director of Platform", 2), ("Data Engineer", 5),
    ("Product Manager", 5), ("Engineering Lead", 5), ("Founder & CEO", 2),
    ("Site Reliability Engineer", 3), ("Machine Learning Engineer", 4),
    ("Developer Advocate", 2), ("People Operations Lead", 2),
)

CITIES: tuple[tuple[str, int], ...] = (  # (location, weight)
    ("Berlin, Germany", 14), ("London, UK", 10), ("Amsterdam, Netherlands", 8), ("Remote", 8),
    ("Munich, Germany", 4), ("Hamburg, Germany", 3), ("Paris, France", 4),
    ("Dublin, Ireland", 3), ("Lisbon, Portugal", 3), ("Barcelona, Spain", 3),
    ("Stockholm, Sweden", 2), ("Copenhagen, Denmark", 2), ("Warsaw, Poland", 2),
    ("Zürich, Switzerland", 2), ("New York, NY", 4), ("San Francisco, CA", 3),
    ("Austin, TX", 2), ("Toronto, Canada", 3), ("São Paulo, Brazil", 2),
    ("Mexico City, Mexico", 1), ("Bengaluru, India", 3), ("Singapore", 2),
    ("Tokyo, Japan", 1), ("Seoul, South Korea", 1), ("Lagos, Nigeria", 1),
    ("Nairobi, Kenya", 1), ("Cape Town, South Africa", 1), ("Sydney, Australia", 1),
    ("Auckland, New Zealand", 1), ("Tel Aviv, Israel", 1),
)

PHONE_FORMATS: tuple[str, ...] = (  # fictional ranges where a country reserves one
    "+1 415 555 01{:02d}", "+44 20 7946 0{:03d}", "+49 30 901{:04d}", "+31 20 555 {:04d}",
    "+353 1 555 {:04d}", "+61 2 5550 {:04d}",
)

TAGS: tuple[str, ...] = (
    "warm", "cold", "alumni", "referral-path", "ex-colleague", "hiring", "meetup",
    "remote", "speaker", "recruiter", "startup", "big-tech", "open-source", "mentor",
)

EMAIL_PROVIDERS: tuple[str, ...] = ("gmail.com", "outlook.com", "proton.me", "fastmail.com")

NEXT_ACTIONS: dict[str, tuple[str, ...]] = {
    "target": ("Send a connection request with a note", "Comment on their latest post",
               "Find a warm intro via alumni group", "Read their article before reaching out",
               "Ask Priya for an intro"),
    "reached out": ("Follow up on the intro message", "Send a short second message",
                    "Try email instead of LinkedIn"),
    "connected": ("Ask for a 20-minute chat", "Share the article on data contracts",
                  "Congratulate them on the new role"),
    "conversation": ("Propose two times for a call", "Send the portfolio link",
                     "Ask about the platform team's roadmap"),
    "meeting booked": ("Prepare three questions for the call", "Re-read the job posting",
                       "Confirm the meeting the day before"),
    "met": ("Send a thank-you note", "Ask for an intro to the hiring manager",
            "Share the write-up we talked about"),
    "referral": ("Send the tailored CV to the referrer", "Check the referral status",
                 "Thank them for the referral"),
    "dormant": ("Re-engage with a congratulations note", "Share a relevant article"),
}

CONTACT_NOTES: tuple[str, ...] = (
    "Met at PyData Berlin.", "Former teammate of a friend from university.",
    "Spoke about observability at a meetup.", "Hiring for a platform team next quarter.",
    "Prefers email over LinkedIn.", "Wrote a great post on data contracts.",
    "Alumni of the same bootcamp.", "Knows the hiring manager at Lumen Pay.",
    "Runs the local Rust meetup.", "Said to ping again after their reorg.",
)

INTERACTION_NOTES: dict[str, tuple[str, ...]] = {
    "message": ("Intro message with a note", "Followed up on the intro",
                "They replied: open to chat", "Sent two times for a call",
                "Thanked them for the reply"),
    "comment": ("Commented on their post about hiring", "Replied to their thread on data quality",
                "Shared their article with a comment"),
    "email": ("Sent CV and portfolio", "Follow-up email", "Thank-you email after the call",
              "Asked for an introduction"),
    "call": ("Quick call about the team", "Called back about the referral",
             "Phone screen prep call"),
    "video": ("Informational interview over video", "Video chat about the platform team"),
    "in person": ("Coffee near their office", "Met at the meetup afterparty",
                  "Lunch after the conference talk"),
}

MEETING_PLACES: tuple[str, ...] = (
    "Café Einstein, Unter den Linden 42, Berlin", "The Barn Coffee, Auguststraße 58, Berlin",
    "Their office, 5th floor, Reception B", "Monmouth Coffee, 27 Monmouth St, London",
    "Coffee Company, Haarlemmerstraat 132, Amsterdam", "WeWork Sony Center, Berlin",
)
VIDEO_LINKS: tuple[str, ...] = (
    "https://meet.google.com/{0}-{1}-{2}", "https://zoom.us/j/{n}",
    "https://teams.microsoft.com/l/meetup-join/{n}",
)
MEETING_NOTES: tuple[str, ...] = (
    "Informational interview", "Intro chat about the data team", "Coffee chat",
    "Referral follow-up", "Talk about open roles next quarter", "",
)

# channel -> (weight, activities)
BLOCK_ACTIVITIES: dict[str, tuple[int, tuple[str, ...]]] = {
    "LinkedIn": (30, ("Message 5 targeted engineers", "Engage in LinkedIn groups",
                      "Send 10 connection requests with a note", "Reply to messages",
                      "Comment on industry news")),
    "Facebook": (4, ("Post in industry Facebook groups", "Check the alumni group")),
    "X/Twitter": (8, ("Engage with X lists", "Comment on industry news")),
    "Email": (12, ("Follow-up emails", "Cold email hiring managers", "Send thank-you notes")),
    "Phone": (6, ("Follow-up calls", "Call warm contacts")),
    "Video call": (5, ("Informational interviews", "Mock interview with a peer")),
    "In person": (3, ("Meetup: Data Engineering Berlin", "Coffee chats")),
    "Articles & comments": (8, ("Write an article", "Comment on industry news",
                                "Edit the draft post")),
    "Applications": (12, ("Apply to 3 roles", "Tailor CV for target roles",
                          "Write cover letters")),
    "Research": (12, ("Research target companies", "Map hiring managers at target companies",
                      "Read engineering blogs of target companies")),
}

BLOCK_TARGETS: tuple[str, ...] = (
    "fintech in Berlin", "Acme Corp", "data engineering", "remote-first startups",
    "climate tech", "Series B SaaS", "hiring managers in Amsterdam", "platform teams",
    "Lumen Pay", "Northwind Analytics", "healthtech in London", "ML infrastructure",
    "alumni network", "recruiters at scale-ups", "",
)

BLOCK_NOTES: tuple[str, ...] = (
    "", "", "", "Keep it to the list, no feed scrolling.", "Use the message template v3.",
    "Ask for a conversation, not a job.",
)

SESSION_NOTES: tuple[str, ...] = (
    "", "", "", "Two good replies", "Mostly reading, little outreach", "Good momentum",
    "Got pulled into the feed", "One warm lead",
)

REVIEW_TOP3: tuple[str, ...] = (
    "Follow up with {name}", "Apply to the {role} role at {company}",
    "Book a call with {name}", "Send thank-you note to {name}",
    "Research {company}'s engineering team", "Finish the article draft",
    "Ask {name} for an intro at {company}", "Prepare for the call with {name}",
)

REVIEW_NOTES: tuple[str, ...] = (
    "", "", "", "Too much feed time; stick to the list.", "Good day: two replies.",
    "No meetings yet this week, push for one.", "Tired; kept it short.",
)

REMINDERS: tuple[str, ...] = (
    "Results, not hours: book one meeting today.",
    "Ten targeted contacts beat a hundred likes.",
    "Ask for a conversation, not a job.",
    "Follow up: most replies come after the second message.",
    "Close the feed after the block ends.",
    "Every message names a person and a reason.",
)

TRANSLIT = str.maketrans({"ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "ß": "ss", "æ": "ae",
                          "Æ": "ae", "đ": "d", "ı": "i", "œ": "oe", "'": ""})
