#!/usr/bin/env python3
"""Generates and verifies Benchmarks/guardrails-corpus.jsonl, the labelled corpus `brokle-bench
guardrails` scores the detector on.

Each line is {"text": ..., "entities": [{"type": ..., "value": ...}]}: every value a human reviewer
would call PII or a secret, as the exact substring of the text (a password assignment labels only
the value). Types: email, phone, card, iban, ssn, ip, secret. Hard negatives (order numbers, dates,
hashes, versions, cards that fail Luhn, IBANs with wrong check digits, placeholder keys, ...) carry
"entities": [].

Deterministic: the same seed writes the same bytes. Standard library only.

    python3 Benchmarks/guardrails-corpus.py            # write the corpus, then verify it
    python3 Benchmarks/guardrails-corpus.py --check    # verify the committed file only
"""

import base64
import json
import os
import random
import re
import string
import sys

SEED = 20240517
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "guardrails-corpus.jsonl")

rng = random.Random(SEED)

UPPER = string.ascii_uppercase
LOWER = string.ascii_lowercase
DIGITS = string.digits
ALNUM = UPPER + LOWER + DIGITS
URLSAFE = ALNUM + "-_"


def pick(seq):
    return seq[rng.randrange(len(seq))]


def rand(alphabet, n):
    return "".join(pick(alphabet) for _ in range(n))


# --- checksums -----------------------------------------------------------------------------------


def luhn_ok(number):
    digits = [int(c) for c in number if c.isdigit()]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def luhn_complete(prefix, length):
    body = prefix + rand(DIGITS, length - len(prefix) - 1)
    for check in DIGITS:
        if luhn_ok(body + check):
            return body + check
    raise AssertionError


def iban_numeric(s):
    return "".join(str(int(c, 36)) for c in s)


def iban_ok(iban):
    compact = iban.replace(" ", "")
    if not re.fullmatch(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}", compact):
        return False
    return int(iban_numeric(compact[4:] + compact[:4])) % 97 == 1


def iban_make(country, bban):
    check = 98 - int(iban_numeric(bban + country + "00")) % 97
    return f"{country}{check:02d}{bban}"


# --- value generators ----------------------------------------------------------------------------

FIRST = ["anna", "jonas", "marie", "li.wei", "sofia", "raj", "emma", "lucas", "yuki", "olga",
         "pedro", "chloe", "noah", "fatima", "kenji", "ines", "mateo", "zoe", "ivan", "leila"]
LAST = ["mueller", "dupont", "garcia", "tanaka", "smith", "kowalski", "rossi", "nguyen", "schmidt",
        "martin", "patel", "jensen", "fernandez", "sato", "brown", "novak"]
DOMAINS = ["example.com", "example.org", "mail.example.net", "corp.example.co.uk", "example.de",
           "eu.support.example.io", "example.fr", "uni-example.edu", "example.jp", "acme-corp.example"]


def email(kind=None):
    kind = kind or pick(["plain", "plain", "plus", "sub", "upper", "dotted", "digits"])
    f, l, d = pick(FIRST), pick(LAST), pick(DOMAINS)
    if kind == "plus":
        return f"{f}+{pick(['billing', 'newsletter', 'test', 'gw', 'spam'])}@{d}"
    if kind == "sub":
        return f"{f}.{l}@{pick(['dev', 'ops', 'mail', 'eu'])}.{pick(['acme.example', 'example.com'])}"
    if kind == "upper":
        return f"{f.upper()}.{l.upper()}@{d.upper()}"
    if kind == "dotted":
        return f"{f}.{l}@{d}"
    if kind == "digits":
        return f"{l}{rng.randrange(1, 999)}@{d}"
    return f"{f}@{d}"


def phone(kind=None):
    kind = kind or pick(["e164_us", "us_paren", "us_dash", "us_dot", "uk_intl", "uk_mobile", "uk_london",
                         "de_intl", "de_local", "fr_local", "fr_intl", "in_intl", "es_intl", "jp_intl",
                         "us_intl_dash", "nl_intl", "au_intl", "br_intl"])
    n = lambda k: rand(DIGITS, k)
    line = f"01{rng.randrange(0, 100):02d}"  # 555-0100..0199 are the fictional US numbers
    area = pick(["415", "212", "646", "312", "206", "617", "303", "512"])
    return {
        "e164_us": f"+1{area}555{line}",
        "us_paren": f"({area}) 555-{line}",
        "us_dash": f"{area}-555-{line}",
        "us_dot": f"{area}.555.{line}",
        "us_intl_dash": f"+1-{area}-555-{line}",
        "uk_intl": f"+44 20 7946 0{n(3)}",
        "uk_mobile": f"07700 900{n(3)}",
        "uk_london": f"020 7946 0{n(3)}",
        "de_intl": f"+49 {pick(['30', '89', '40', '69'])} {n(8)}",
        "de_local": f"0{pick(['30', '89', '40'])} {n(4)} {n(4)}",
        "fr_local": f"0{pick('1234567')} {n(2)} {n(2)} {n(2)} {n(2)}",
        "fr_intl": f"+33 {pick('1234567')} {n(2)} {n(2)} {n(2)} {n(2)}",
        "in_intl": f"+91 {pick('9876')}{n(4)} {n(5)}",
        "es_intl": f"+34 {pick('69')}{n(2)} {n(3)} {n(3)}",
        "jp_intl": f"+81 3-{n(4)}-{n(4)}",
        "nl_intl": f"+31 6 {n(4)} {n(4)}",
        "au_intl": f"+61 4{n(2)} {n(3)} {n(3)}",
        "br_intl": f"+55 11 9{n(4)}-{n(4)}",
    }[kind]


TEST_CARDS = [
    ("4111111111111111", "visa"), ("4242424242424242", "visa"), ("4012888888881881", "visa"),
    ("5555555555554444", "mc"), ("5105105105105100", "mc"), ("2223003122003222", "mc"),
    ("378282246310005", "amex"), ("371449635398431", "amex"),
    ("6011111111111117", "discover"), ("6011000990139424", "discover"),
    ("3530111333300000", "jcb"), ("3566002020360505", "jcb"),
    ("30569309025904", "diners"), ("38520000023237", "diners"),
    ("6200000000000005", "unionpay"), ("6250941006528599", "unionpay"),
]
CARD_PREFIXES = [("4", 16, "visa"), ("51", 16, "mc"), ("55", 16, "mc"), ("2221", 16, "mc"),
                 ("34", 15, "amex"), ("37", 15, "amex"), ("6011", 16, "discover"), ("65", 16, "discover"),
                 ("3528", 16, "jcb"), ("3589", 16, "jcb"), ("36", 14, "diners"), ("62", 16, "unionpay")]


def group_card(number, network, sep):
    if sep == "":
        return number
    if network == "amex":
        parts = [number[:4], number[4:10], number[10:]]
    elif network == "diners" and len(number) == 14:
        parts = [number[:4], number[4:10], number[10:]]
    else:
        parts = [number[i:i + 4] for i in range(0, len(number), 4)]
    return sep.join(parts)


def card(sep=None):
    if rng.random() < 0.45:
        number, network = pick(TEST_CARDS)
    else:
        prefix, length, network = pick(CARD_PREFIXES)
        number = luhn_complete(prefix, length)
    sep = pick([" ", " ", "-", ""]) if sep is None else sep
    return group_card(number, network, sep)


KNOWN_IBANS = ["DE89370400440532013000", "GB82WEST12345698765432", "FR1420041010050500013M02606",
               "NL91ABNA0417164300", "ES9121000418450200051332", "IT60X0542811101000000123456",
               "CH9300762011623852957", "BE68539007547034"]


def iban_bban(country):
    n = lambda k: rand(DIGITS, k)
    if country == "DE":
        return n(8) + n(10)
    if country == "GB":
        return pick(["NWBK", "BARC", "HBUK", "MIDL", "LOYD"]) + n(6) + n(8)
    if country == "FR":
        return n(5) + n(5) + rand(DIGITS + UPPER, 11) + n(2)
    if country == "NL":
        return pick(["ABNA", "INGB", "RABO", "TRIO"]) + n(10)
    if country == "ES":
        return n(20)
    if country == "IT":
        return pick(UPPER) + n(10) + rand(DIGITS, 12)
    if country == "CH":
        return n(5) + rand(DIGITS + UPPER, 12)
    if country == "BE":
        first = n(10)
        key = int(first) % 97 or 97
        return first + f"{key:02d}"
    if country == "AT":
        return n(16)
    if country == "PL":
        return n(24)
    raise KeyError(country)


def iban_grouped(compact):
    return " ".join(compact[i:i + 4] for i in range(0, len(compact), 4))


def iban(spaced=None):
    if rng.random() < 0.25:
        compact = pick(KNOWN_IBANS)
    else:
        compact = iban_make(pick(["DE", "GB", "FR", "NL", "ES", "IT", "CH", "BE", "AT", "PL"]),
                            iban_bban(pick(["DE", "GB", "FR", "NL", "ES", "IT", "CH", "BE", "AT", "PL"])))
        # The BBAN above may be another country's shape; regenerate with the country's own.
        country = compact[:2]
        compact = iban_make(country, iban_bban(country))
    spaced = rng.random() < 0.5 if spaced is None else spaced
    return iban_grouped(compact) if spaced else compact


def ssn():
    while True:
        area = rng.randrange(1, 900)
        if area != 666:
            break
    return f"{area:03d}-{rng.randrange(1, 100):02d}-{rng.randrange(1, 10000):04d}"


def ipv4(kind=None):
    kind = kind or pick(["public", "public", "private", "doc"])
    if kind == "private":
        return pick([f"192.168.{rng.randrange(0, 256)}.{rng.randrange(1, 255)}",
                     f"10.{rng.randrange(0, 256)}.{rng.randrange(0, 256)}.{rng.randrange(1, 255)}",
                     f"172.{rng.randrange(16, 32)}.{rng.randrange(0, 256)}.{rng.randrange(1, 255)}"])
    if kind == "doc":
        return f"{pick(['192.0.2', '198.51.100', '203.0.113'])}.{rng.randrange(1, 255)}"
    return f"{rng.randrange(11, 224)}.{rng.randrange(0, 256)}.{rng.randrange(0, 256)}.{rng.randrange(1, 255)}"


def ipv6(kind=None):
    kind = kind or pick(["compressed", "full", "embedded", "linklocal", "short"])
    h = lambda: f"{rng.randrange(0, 65536):x}"
    if kind == "full":
        return ":".join(f"{rng.randrange(0, 65536):04x}" for _ in range(8)).replace("0000", "0db8", 1)
    if kind == "embedded":
        return f"::ffff:{ipv4('doc')}"
    if kind == "linklocal":
        return f"fe80::{h()}:{h()}:{h()}:{h()}"
    if kind == "short":
        return pick(["2001:db8::1", "::1", "2001:db8:0:1::42"])
    return f"2001:db8:{h()}:{h()}::{h()}"


def ip():
    return ipv4() if rng.random() < 0.6 else ipv6()


BASE32 = "abcdefghijklmnopqrstuvwxyz234567"


def base32(data):
    bits, value, out = 0, 0, []
    for byte in data:
        value = (value << 8) | byte
        bits += 8
        while bits >= 5:
            out.append(BASE32[(value >> (bits - 5)) & 31])
            bits -= 5
    if bits:
        out.append(BASE32[(value << (5 - bits)) & 31])
    return "".join(out)


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def rbytes(n):
    return bytes(rng.randrange(256) for _ in range(n))


def jwt():
    header = {"alg": pick(["HS256", "RS256", "ES256"]), "typ": "JWT"}
    payload = {"sub": str(rng.randrange(10**6, 10**7)), "name": pick(FIRST).title(),
               "iat": 1700000000 + rng.randrange(10**6), "scope": pick(["read", "admin", "chat:write"])}
    enc = lambda o: b64url(json.dumps(o, separators=(",", ":")).encode())
    return f"{enc(header)}.{enc(payload)}.{b64url(rbytes(32 if header['alg'] == 'HS256' else 64))}"


def pem():
    label = pick(["RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY"])
    body = base64.b64encode(rbytes(pick([120, 180, 240]))).decode()
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    return f"-----BEGIN {label}-----\n" + "\n".join(lines) + f"\n-----END {label}-----"


PW_WORDS = ["hunter", "Summer", "Winter", "dragon", "Passw0rd", "monkey", "Sunshine", "letmein", "Tr0ub4dor",
            "correcthorse", "Qwerty", "Berlin", "Paris", "Tokyo"]


def password():
    if rng.random() < 0.5:
        return pick(PW_WORDS) + str(rng.randrange(1, 2025)) + pick("!#$%&*?")
    return rand(ALNUM + "!#$%*+-=?^", rng.randrange(10, 20))


def secret(kind=None):
    kind = kind or pick(["bk", "openai", "openai_proj", "anthropic", "aws", "github", "github_pat",
                         "slack", "stripe", "google", "jwt"])
    if kind == "bk":
        return f"bk_{base32(rbytes(8))}_{base32(rbytes(25))}"
    if kind == "openai":
        return f"sk-{rand(ALNUM, 20)}T3BlbkFJ{rand(ALNUM, 20)}"
    if kind == "openai_proj":
        return f"sk-proj-{rand(URLSAFE, 74)}T3BlbkFJ{rand(URLSAFE, 74)}"
    if kind == "anthropic":
        return f"sk-ant-api03-{rand(URLSAFE, 93)}AA"
    if kind == "aws":
        return "AKIA" + rand(UPPER + "234567", 16)
    if kind == "aws_secret":
        return rand(ALNUM + "+/", 40)
    if kind == "github":
        return pick(["ghp_", "ghp_", "gho_", "ghs_"]) + rand(ALNUM, 36)
    if kind == "github_pat":
        return f"github_pat_11{rand(UPPER + DIGITS, 20)}_{rand(ALNUM, 59)}"
    if kind == "slack":
        return f"{pick(['xoxb', 'xoxp'])}-{rand(DIGITS, 12)}-{rand(DIGITS, 13)}-{rand(ALNUM, 24)}"
    if kind == "stripe":
        return f"{pick(['sk_live_', 'sk_test_', 'rk_live_'])}{rand(ALNUM, pick([24, 99]))}"
    if kind == "google":
        return "AIza" + rand(URLSAFE, 35)
    if kind == "jwt":
        return jwt()
    if kind == "pem":
        return pem()
    if kind == "password":
        return password()
    raise KeyError(kind)


GENERATORS = {
    "email": email, "phone": phone, "card": card, "iban": iban, "ssn": ssn, "ip": ip, "secret": secret,
    "ipv4": lambda kind=None: ipv4(kind), "ipv6": lambda kind=None: ipv6(kind),
}
TYPE_OF = {"ipv4": "ip", "ipv6": "ip"}
PLACEHOLDER = re.compile(r"\{(email|phone|card|iban|ssn|ipv4|ipv6|ip|secret)\d?(?::(\w+))?\}")


def fill(template):
    """Replaces each {type} / {type:kind} / {type2} with a fresh value and labels it."""
    entities = []

    def value(match):
        name, kind = match.group(1), match.group(2)
        v = GENERATORS[name](kind) if kind else GENERATORS[name]()
        entities.append({"type": TYPE_OF.get(name, name), "value": v})
        return v

    return PLACEHOLDER.sub(value, template), entities


# --- templates: positives ------------------------------------------------------------------------

POSITIVE = {
    "email": [
        "Hi, please send the invoice to {email} instead of my old address.",
        "Customer wrote: \"my login is {email} and it keeps saying invalid\"",
        "From: {email}\nTo: support@helpdesk.example\nSubject: Refund for order #88123",
        "2024-03-02T10:14:55Z INFO user.login ok user={email} ip_redacted=true",
        "Contact: <{email}>",
        "cc {email} on the thread please",
        "Bitte schicken Sie die Bestätigung an {email}, danke!",
        "Vous pouvez me joindre à l'adresse {email} pendant les heures de bureau.",
        "Mi correo es {email}, escríbeme cuando puedas.",
        "請求書は {email} までお送りください。",
        "mailto:{email}?subject=Hello",
        "git log shows Author: Jane Roe <{email}>",
        "notify:\n  email: {email}\n  on_failure: true",
        "SELECT * FROM users WHERE email = '{email}';",
        "The reviewer ({email}) approved the change.",
        "{email} wrote:\n> Can you resend the report?",
    ],
    "phone": [
        "Call me back on {phone} after 5pm.",
        "Kunde bittet um Rückruf unter {phone}.",
        "Mon numéro est le {phone}, merci de rappeler.",
        "Puedes llamarme al {phone} mañana por la mañana.",
        "お電話は {phone} までお願いします。",
        "Emergency contact: {phone}",
        "caller_id={phone} status=missed duration=0s",
        "Phone: {phone}\nFax: none",
        "Text the code to {phone} please, my email is broken.",
        "The delivery driver could not reach you at {phone}.",
        "tel: {phone}",
        "contacts:\n  - name: On-call\n    phone: \"{phone}\"",
        "Reach our office in the mornings at {phone} (ask for Priya).",
        "WhatsApp me: {phone}",
    ],
    "card": [
        "My card number is {card} exp 04/27, can you retry the payment?",
        "card={card} amount=49.00 currency=EUR result=declined",
        "Meine Kreditkarte {card} wurde zweimal belastet.",
        "J'ai payé avec la carte {card} mais rien n'est arrivé.",
        "Pagué con la tarjeta {card} y el pedido sigue pendiente.",
        "カード番号 {card} で支払いました。",
        "Please charge {card} for the annual plan.",
        "{\"payment\": {\"pan\": \"{card}\", \"cvv\": \"***\"}}",
        "Test with {card} in the sandbox before going live.",
        "The customer read their card out loud: {card}",
        "refund requested for PAN {card} (order 55102)",
    ],
    "iban": [
        "Please wire the deposit to IBAN {iban}.",
        "Bankverbindung: {iban}, Verwendungszweck Rechnung 2024-118",
        "Mon IBAN est {iban}, merci pour le remboursement.",
        "Mi IBAN es {iban}, titular Pedro Garcia.",
        "振込先IBAN: {iban}",
        "payout_account: {iban}",
        "Refund should go to {iban} (not the old account).",
        "{\"beneficiary\": \"ACME GmbH\", \"iban\": \"{iban}\", \"bic\": \"DEUTDEFF\"}",
        "Can you update my bank details? New IBAN {iban}",
        "SEPA mandate signed for account {iban} on 2024-02-01.",
    ],
    "ssn": [
        "My SSN is {ssn}, why do you need it?",
        "ssn: {ssn}",
        "Applicant social security number {ssn} verified.",
        "W-2 shows SSN {ssn} for the employee.",
        "Please update the record; the SSN on file ({ssn}) is wrong.",
        "{\"name\": \"John Roe\", \"ssn\": \"{ssn}\", \"dob\": \"1985-07-12\"}",
        "Tax form attached, social: {ssn}",
        "Die US-Sozialversicherungsnummer lautet {ssn}.",
        "Mi número de seguro social es {ssn}.",
    ],
    "ip": [
        "Failed password for root from {ip} port 52144 ssh2",
        "{ipv4} - - [10/Oct/2023:13:55:36 +0000] \"GET /v1/models HTTP/1.1\" 200 512",
        "upstream connect error to {ip}",
        "X-Forwarded-For: {ipv4}, {ipv4}",
        "The server at {ipv4} is not responding to pings.",
        "listen_address: {ipv6}",
        "ping6 {ipv6} returned 64 bytes",
        "client_ip={ipv4} method=POST path=/v1/chat/completions status=429",
        "Die Firewall blockiert {ipv4} seit gestern.",
        "L'adresse IP {ip} a été bannie.",
        "La IP {ipv4} hizo 300 peticiones por minuto.",
        "接続元IPアドレス: {ip}",
        "allowlist:\n  - {ipv4}\n  - {ipv6}",
        "dig AAAA host returned {ipv6:full}",
        "IPv4-mapped peer {ipv6:embedded} closed the connection",
        "bind to [{ipv6}]:8443 failed",
    ],
    "secret": [
        "export OPENAI_API_KEY={secret:openai}",
        "OPENAI_API_KEY=\"{secret:openai_proj}\"",
        "client = OpenAI(api_key=\"{secret:openai_proj}\")",
        "ANTHROPIC_API_KEY={secret:anthropic}",
        "curl https://api.anthropic.com/v1/messages -H \"x-api-key: {secret:anthropic}\"",
        "curl -H \"Authorization: Bearer {secret:bk}\" http://localhost:8080/v1/chat/completions",
        "brokle key created: {secret:bk} (shown once)",
        "Here is my Brokle key, why does it 401? {secret:bk}",
        "[default]\naws_access_key_id = {secret:aws}\naws_secret_access_key = {secret:aws_secret}",
        "AWS_ACCESS_KEY_ID={secret:aws} AWS_REGION=eu-central-1",
        "git remote set-url origin https://{secret:github}@github.com/acme/app.git",
        "GITHUB_TOKEN: {secret:github}",
        "token = \"{secret:github_pat}\"",
        "SLACK_BOT_TOKEN={secret:slack}",
        "slack:\n  token: {secret:slack}\n  channel: '#alerts'",
        "stripe.api_key = \"{secret:stripe}\"",
        "STRIPE_SECRET_KEY={secret:stripe}",
        "https://maps.googleapis.com/maps/api/geocode/json?address=Berlin&key={secret:google}",
        "GOOGLE_API_KEY: \"{secret:google}\"",
        "Authorization: Bearer {secret:jwt}",
        "the session cookie was token={secret:jwt}; Path=/; HttpOnly",
        "id_token: {secret:jwt}",
        "Here is the key file:\n{secret:pem}\nwhy does ssh reject it?",
        "tls:\n  key: |\n{secret:pem}",
        "password={secret:password}",
        "db_password: {secret:password}",
        "{\"username\": \"admin\", \"password\": \"{secret:password}\"}",
        "PWD: {secret:password}",
        "DATABASE_URL=postgres://app:{secret:password}@db.internal:5432/app",
        "Mein Passwort ist {secret:password} – bitte zurücksetzen.",
        "Mot de passe : {secret:password}",
        "Mi contraseña es {secret:password} y no funciona.",
        "パスワード: {secret:password}",
        "login failed with user=admin passwd={secret:password}",
        "mysql -u root -p'{secret:password}' -h 127.0.0.1",
        "Mi clave API es {secret:openai}, ¿está revocada?",
        "Mein API-Schlüssel {secret:anthropic} funktioniert nicht mehr.",
        "APIキーは {secret:openai_proj} です。",
    ],
}

MIXED = [
    "Hi, I'm Anna ({email}, {phone}). Order #100234987 was charged twice to {card}.",
    "Ticket 4411: user {email} from {ipv4} reports 401 with key {secret:bk}",
    "Name: Kenji Sato\nEmail: {email}\nPhone: {phone}\nSSN: {ssn}\nDOB: 1990-04-01",
    "Refund {iban} for invoice INV-2024-000123, contact {email}.",
    "2024-01-15 12:00:03 WARN auth failed ip={ipv4} user={email} attempt=3",
    "Bitte überweisen Sie an {iban} und rufen Sie {phone} an.",
    "Config dump:\nOPENAI_API_KEY={secret:openai}\nREDIS_URL=redis://localhost:6379\nADMIN_EMAIL={email}",
    "Le client {email} (tél. {phone}) conteste le paiement par carte {card}.",
    "El usuario {email} con IP {ipv4} intentó 5 veces.",
    "{\"user\": {\"email\": \"{email}\", \"phone\": \"{phone}\"}, \"version\": \"v1.2.3\"}",
    "Please update: card {card}, billing email {email}, tracking 1Z999AA10123456784.",
    "担当者: {email} / 電話 {phone} / 注文番号 #100234987",
    "deploy.yaml leaked AWS_ACCESS_KEY_ID={secret:aws} and SLACK_TOKEN={secret:slack} in commit 3f9c2ab",
    "Employee record: SSN {ssn}, IBAN {iban}, phone {phone}.",
    "{ipv6} -> {ipv4} NAT64 mapping for {email}",
    "Customer {email} paid with {card} on 2024-02-29 (amount $1,299.00).",
]

# --- templates: hard negatives -------------------------------------------------------------------


def hexstr(n):
    return rand("0123456789abcdef", n)


def luhn_fail16():
    while True:
        number = pick(["4", "5", "6"]) + rand(DIGITS, 15)
        if not luhn_ok(number):
            return number


def iban_bad():
    good = iban_make(pick(["DE", "GB", "FR", "NL"]), iban_bban(pick(["DE", "NL"])))
    good = iban_make(good[:2], iban_bban(good[:2]))
    check = int(good[2:4])
    bad = f"{good[:2]}{(check + rng.randrange(1, 90)) % 97 + 2:02d}{good[4:]}"
    if iban_ok(bad):
        return iban_bad()
    return bad


def uuid():
    h = hexstr(32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{pick('89ab')}{h[17:20]}-{h[20:]}"


def thousands(n):
    return f"{n:,}"


NEGATIVE_FNS = [
    lambda: f"Your order #{rng.randrange(100000000, 999999999)} has shipped.",
    lambda: f"Order number {rng.randrange(10**9, 10**10)} is waiting for payment.",
    lambda: f"Invoice INV-{rng.randrange(2019, 2026)}-{rng.randrange(0, 999999):06d} is due on {rng.randrange(2023, 2026)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}.",
    lambda: f"Meeting moved to {rng.randrange(1, 29):02d}.{rng.randrange(1, 13):02d}.{rng.randrange(2023, 2026)} at {rng.randrange(8, 18)}:{pick(['00', '15', '30', '45'])}.",
    lambda: f"Deadline: {rng.randrange(1, 13):02d}/{rng.randrange(1, 29):02d}/{rng.randrange(2023, 2026)} 23:59:59 UTC",
    lambda: f"Build {rng.randrange(1, 12)}.{rng.randrange(0, 30)}.{rng.randrange(0, 40)} released; see CHANGELOG for v{rng.randrange(1, 5)}.{rng.randrange(0, 10)}.{rng.randrange(0, 20)}.",
    lambda: f"Windows version {pick(['10.0.19045.3693', '10.0.22631.2861', '10.0.17763.5206'])} is affected.",
    lambda: f"request_id={uuid()} status=200 latency_ms={rng.randrange(5, 900)}",
    lambda: f"trace {uuid()} span {hexstr(16)}",
    lambda: f"md5 {hexstr(32)}  sha1 {hexstr(40)}",
    lambda: f"sha256: {hexstr(64)}",
    lambda: f"Fixed in commit {hexstr(40)} (short {hexstr(7)}).",
    lambda: f"git checkout {hexstr(12)} && make",
    lambda: f"UPS tracking 1Z{rand(UPPER + DIGITS, 6)}{rand(DIGITS, 10)}, expected Friday.",
    lambda: f"FedEx tracking number {rand(DIGITS, 12)}",
    lambda: f"SKU {rand(UPPER, 3)}-{rand(DIGITS, 5)}-{rand(UPPER, 2)} is out of stock.",
    lambda: f"Part no. {rand(DIGITS, 3)}-{rand(DIGITS, 3)}-{rand(DIGITS, 4)}-{rand(UPPER, 2)} replaces the old fan.",
    lambda: f"ISBN 978-{rng.randrange(0, 2)}-{rand(DIGITS, 3)}-{rand(DIGITS, 5)}-{rng.randrange(0, 10)}",
    lambda: f"Model {rand(DIGITS, 3)}-{rand(DIGITS, 3)}-{rand(DIGITS, 3)}X is the 2024 revision.",
    lambda: f"Reference number {luhn_fail16()} (not a card, our internal batch id).",
    lambda: f"batch_id={luhn_fail16()} rows=1200",
    lambda: f"Transfer ref {iban_bad()} could not be parsed.",
    lambda: f"The sample string {iban_bad()} fails validation as expected.",
    lambda: f"Total: ${thousands(rng.randrange(1000, 10**7))}.{rng.randrange(0, 100):02d}",
    lambda: f"Preis: {rng.randrange(1, 5000)},{rng.randrange(0, 100):02d} € inkl. MwSt.",
    lambda: f"Coordinates: {rng.uniform(-90, 90):.6f}, {rng.uniform(-180, 180):.6f}",
    lambda: f"Population grew to {thousands(rng.randrange(10**6, 10**9))} last year.",
    lambda: f"{thousands(rng.randrange(10**9, 10**12))} requests served since launch.",
    lambda: pick(["Please reset your password using the link in the email.",
                  "The password field must not be empty.",
                  "Forgot password? Click here.",
                  "Password requirements: 12 characters, one digit.",
                  "Never share your password with anyone, including support staff.",
                  "Das Passwort muss mindestens 12 Zeichen lang sein.",
                  "Le mot de passe a expiré, veuillez le changer.",
                  "パスワードを忘れた場合はリセットしてください。"]),
    lambda: pick(["Set OPENAI_API_KEY to your key, e.g. sk-... (never commit it).",
                  "Replace sk-xxxxxxxxxxxxxxxx with your own key.",
                  "api_key: <YOUR_API_KEY>",
                  "export ANTHROPIC_API_KEY=your-key-here",
                  "Authorization: Bearer $TOKEN",
                  "Use a key that starts with sk-ant- from the console.",
                  "Keys look like bk_<public id>_<secret>; the secret is shown once.",
                  "AWS access keys start with AKIA followed by 16 characters.",
                  "password: ${DB_PASSWORD}",
                  "password=<redacted>",
                  "\"password\": \"********\""]),
    lambda: f"dependencies: \"^{rng.randrange(1, 20)}.{rng.randrange(0, 10)}.0\", \">= {rng.randrange(1, 5)}.{rng.randrange(0, 10)}, < {rng.randrange(5, 9)}.0\"",
    lambda: f"created_at={1700000000 + rng.randrange(0, 10**7)} updated_at={1700000000000 + rng.randrange(0, 10**10)}",
    lambda: f"The word in base64 is {base64.b64encode(pick([b'hello world', b'password', b'guardrails', b'example text'])).decode()}.",
    lambda: f"Server running at http://localhost:{pick([3000, 8080, 8443, 5432, 6379])}/health",
    lambda: f"{rng.randrange(100, 999)} * {rng.randrange(100, 999)} = ? and {rng.randrange(1000, 9999)} / {rng.randrange(2, 99)}",
    lambda: f"x = {rng.randrange(1, 99)}.{rng.randrange(0, 99)} + {rng.randrange(1, 99)}e-{rng.randrange(1, 9)}",
    lambda: f"Time: {rng.randrange(0, 24):02d}:{rng.randrange(0, 60):02d}:{rng.randrange(0, 60):02d}.{rng.randrange(0, 1000):03d}",
    lambda: f"Flight LH{rng.randrange(100, 999)} departs {rng.randrange(0, 24):02d}:{rng.randrange(0, 60):02d}, gate B{rng.randrange(1, 60)}.",
    lambda: f"Room {rng.randrange(100, 999)}, floor {rng.randrange(1, 40)}, building {pick(UPPER)}.",
    lambda: f"Customer ID CUST-{rand(DIGITS, 8)} upgraded to Pro.",
    lambda: f"Error code 0x{hexstr(8)} at offset {rng.randrange(0, 10**6)}",
    lambda: f"Ticket #{rng.randrange(1000, 99999)} closed by the on-call engineer.",
    lambda: f"pip install 'numpy=={rng.randrange(1, 3)}.{rng.randrange(0, 30)}.{rng.randrange(0, 9)}'",
    lambda: f"Matrix [[{rng.randrange(0, 9)}, {rng.randrange(0, 9)}], [{rng.randrange(0, 9)}, {rng.randrange(0, 9)}]] has determinant {rng.randrange(-50, 50)}.",
    lambda: f"The MAC address {':'.join(hexstr(2) for _ in range(6))} belongs to the printer.",
    lambda: f"docker pull ghcr.io/acme/api@sha256:{hexstr(64)}",
    lambda: f"Bestellnummer {rng.randrange(10**7, 10**8)} vom {rng.randrange(1, 29)}.{rng.randrange(1, 13)}.2024",
    lambda: f"Numéro de commande {rng.randrange(10**7, 10**8)}, livraison prévue le {rng.randrange(1, 29)}/{rng.randrange(1, 13)}/2024.",
    lambda: f"Número de pedido {rng.randrange(10**7, 10**8)}, total {rng.randrange(10, 999)},{rng.randrange(0, 99):02d} €.",
    lambda: f"注文番号 {rng.randrange(10**7, 10**8)} は {rng.randrange(1, 13)}月{rng.randrange(1, 29)}日に発送されました。",
    lambda: f"Lat/long 48.{rand(DIGITS, 4)}, 2.{rand(DIGITS, 4)}; altitude {rng.randrange(10, 900)} m",
    lambda: f"OID 1.3.6.1.4.1.{rng.randrange(1000, 60000)}.{rng.randrange(1, 9)}",
    lambda: f"{rng.randrange(2000, 2025)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}T{rng.randrange(0, 24):02d}:{rng.randrange(0, 60):02d}:{rng.randrange(0, 60):02d}.{rand(DIGITS, 6)}Z level=info msg=\"cache warmed\" entries={rng.randrange(0, 10**5)}",
]


def hard_negatives(count):
    lines = []
    for i in range(count):
        lines.append({"text": NEGATIVE_FNS[i % len(NEGATIVE_FNS)](), "entities": []})
    return lines


# --- mixed positives with hard negatives in the same text -----------------------------------------

NEAR_MISS = [
    lambda: f"(ref {luhn_fail16()})",
    lambda: f"order #{rng.randrange(100000000, 999999999)}",
    lambda: f"on {rng.randrange(2023, 2026)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
    lambda: f"build {hexstr(7)}",
    lambda: f"v{rng.randrange(1, 5)}.{rng.randrange(0, 10)}.{rng.randrange(0, 20)}",
    lambda: f"request {uuid()}",
    lambda: f"tracking 1Z{rand(UPPER + DIGITS, 6)}{rand(DIGITS, 10)}",
]


def generate():
    lines = []
    for kind, templates in POSITIVE.items():
        rounds = {"secret": 3, "ip": 3, "phone": 4, "email": 3, "card": 4, "iban": 4, "ssn": 4}[kind]
        for r in range(rounds):
            for template in templates:
                text, entities = fill(template)
                if r == rounds - 1 and rng.random() < 0.5:
                    text = f"{text} {pick(NEAR_MISS)()}"
                lines.append({"text": text, "entities": entities})
    # Every card grouping and every IBAN spelling at least once.
    for number, network in TEST_CARDS:
        for sep in [" ", "-", ""]:
            lines.append({"text": f"Test card ({network}): {group_card(number, network, sep)}",
                          "entities": [{"type": "card", "value": group_card(number, network, sep)}]})
    for compact in KNOWN_IBANS:
        for spaced in [False, True]:
            v = iban_grouped(compact) if spaced else compact
            lines.append({"text": f"IBAN {v} (Beispiel)", "entities": [{"type": "iban", "value": v}]})
    for _ in range(3):
        for template in MIXED:
            text, entities = fill(template)
            lines.append({"text": text, "entities": entities})
    for kind in ["e164_us", "us_paren", "us_dash", "us_dot", "uk_intl", "uk_mobile", "fr_local", "fr_intl", "in_intl",
                 "de_intl"]:
        v = phone(kind)
        lines.append({"text": f"Tel. {v}", "entities": [{"type": "phone", "value": v}]})
    negatives = hard_negatives(170)
    # Interleave so a slice of the file is a fair sample.
    rng.shuffle(lines)
    out = []
    step = max(1, len(lines) // len(negatives))
    ni = 0
    for i, line in enumerate(lines):
        out.append(line)
        if i % step == step - 1 and ni < len(negatives):
            out.append(negatives[ni])
            ni += 1
    out.extend(negatives[ni:])
    return out


# --- verification --------------------------------------------------------------------------------

TYPES = {"email", "phone", "card", "iban", "ssn", "ip", "secret"}


def verify(lines):
    problems = []
    negatives = 0
    for n, line in enumerate(lines, 1):
        text, entities = line["text"], line["entities"]
        if not entities:
            negatives += 1
            for m in re.finditer(r"\b\d{16}\b", text):
                if luhn_ok(m.group()):
                    problems.append(f"line {n}: negative has a Luhn-valid 16-digit number {m.group()}")
            for m in re.finditer(r"\b[A-Z]{2}\d{2}[A-Z0-9]{10,30}\b", text):
                if iban_ok(m.group()):
                    problems.append(f"line {n}: negative has a valid IBAN {m.group()}")
        for e in entities:
            t, v = e["type"], e["value"]
            if t not in TYPES:
                problems.append(f"line {n}: unknown type {t}")
            if v not in text:
                problems.append(f"line {n}: {v!r} is not in the text")
            labelled = sum(1 for o in entities if o["value"] == v)
            if text.count(v) != labelled:
                problems.append(f"line {n}: {v!r} occurs {text.count(v)} times, labelled {labelled}")
            if t == "card" and not luhn_ok(v):
                problems.append(f"line {n}: card {v} fails Luhn")
            if t == "card" and not re.fullmatch(r"\d[\d -]{11,21}\d", v):
                problems.append(f"line {n}: card {v} is oddly shaped")
            if t == "iban" and not iban_ok(v):
                problems.append(f"line {n}: IBAN {v} fails mod 97")
            if t == "ssn":
                a, g, s = v.split("-")
                if not (0 < int(a) < 900 and int(a) != 666 and int(g) > 0 and int(s) > 0):
                    problems.append(f"line {n}: SSN {v} out of range")
    return problems, negatives


def main():
    if "--check" not in sys.argv:
        lines = generate()
        with open(OUT, "w", encoding="utf-8") as f:
            for line in lines:
                f.write(json.dumps(line, ensure_ascii=False) + "\n")
    with open(OUT, encoding="utf-8") as f:
        lines = [json.loads(l) for l in f if l.strip()]
    problems, negatives = verify(lines)
    counts = {}
    for line in lines:
        for e in line["entities"]:
            counts[e["type"]] = counts.get(e["type"], 0) + 1
    print(f"{len(lines)} lines, {negatives} hard negatives, labels: "
          + ", ".join(f"{k} {counts[k]}" for k in sorted(counts)))
    for p in problems:
        print(p, file=sys.stderr)
    if problems or len(lines) < 420 or negatives < 120:
        sys.exit(1)


if __name__ == "__main__":
    main()
