#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Render synthetic screenshots of social-media posts (plus images with no post)
together with their ground truth, for testing postocr.

Usage:
    python3 scripts/render_samples.py [--out samples] [--only PATTERN] [--jobs 2]
                                      [--keep-html DIR] [--list]

Needs only the Python 3 standard library, /usr/bin/chromium (headless) and
ImageMagick's convert (/usr/bin/convert).  Output is deterministic: every
random choice comes from random.Random(seed) (seed 1 for the main set, seed 2
with other texts/authors for samples/holdout/).  See samples/README.md.
"""
import argparse
import concurrent.futures
import datetime as dt
import fnmatch
import html
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates"))
sys.dont_write_bytecode = True
import pools  # noqa: E402
import pools_fresh  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CONVERT = "/usr/bin/convert" if os.path.exists("/usr/bin/convert") else "convert"

EMOJI_FONT = '"Noto Color Emoji"'
FONTS = {
    "roboto": '"Roboto", "Noto Sans", ' + EMOJI_FONT + ', sans-serif',
    "noto": '"Noto Sans", "Roboto", ' + EMOJI_FONT + ', sans-serif',
    "liberation": '"Liberation Sans", "Noto Sans", ' + EMOJI_FONT + ', sans-serif',
}
SERIF = '"Liberation Serif", "Noto Serif", ' + EMOJI_FONT + ', serif'

esc = html.escape

# --------------------------------------------------------------------------
# numbers
# --------------------------------------------------------------------------
UNIT_WORDS = {"ru": {"K": "тыс.", "M": "млн"}, "uk": {"K": "тис.", "M": "млн"}}


def fmt_count(n, style="abbr", lang="en"):
    """Format a count as a platform would: abbr ('1.2K', '1,2 тыс.') or full ('4,512', '4 512')."""
    if n < 1000:
        return str(n)
    if style == "full" or (style == "abbr10k" and n < 10000):
        s = f"{n:,}"
        return s.replace(",", " ") if lang in ("ru", "uk") else s
    unit, div = ("K", 1000) if n < 1_000_000 else ("M", 1_000_000)
    v = n / div
    if v < 10:
        txt = f"{math.floor(v * 10) / 10:.1f}"
        if txt.endswith(".0"):
            txt = txt[:-2]
    else:
        txt = str(int(v))
    if lang == "en":
        return txt + unit
    return txt.replace(".", ",") + " " + UNIT_WORDS[lang][unit]


UNIT_MULT = {None: 1, "K": 1e3, "M": 1e6, "B": 1e9, "тыс.": 1e3, "тис.": 1e3, "млн": 1e6, "млрд": 1e9}


def parse_count(s):
    """Inverse of fmt_count: the value a reader gets from the displayed string."""
    t = s.replace("\u00a0", " ").strip()
    m = re.fullmatch(r"([\d.,\s]+?)\s*(K|M|B|тыс\.|тис\.|млн|млрд)?", t)
    if not m:
        raise ValueError(s)
    num, unit = m.group(1).strip(), m.group(2)
    if unit:
        return int(round(float(num.replace(" ", "").replace(",", ".")) * UNIT_MULT[unit]))
    return int(re.sub(r"[ ,.]", "", num))


def rand_count(rng, lo, hi):
    """Log-uniform integer in [10**lo, 10**hi)."""
    return int(10 ** rng.uniform(lo, hi))


METRIC_KEYS = ("replies", "reposts", "quotes", "likes", "views", "bookmarks")


def engagement(rng, lo=0.5, hi=5.0):
    """Coherent raw counts: likes >> reposts/replies >> quotes."""
    likes = rand_count(rng, lo, hi)
    return {"likes": likes, "reposts": int(likes * rng.uniform(0.03, 0.4)),
            "replies": int(likes * rng.uniform(0.02, 0.3)), "quotes": int(likes * rng.uniform(0.005, 0.06))}


def fmt_counts(rng, raw, keys, style="abbr", lang="en", absent=0.1):
    """Format raw counts; zero (not displayed by platforms) and a few random ones become None."""
    out = {}
    for k in keys:
        n = raw[k]
        out[k] = None if n <= 0 or (k != "likes" and rng.random() < absent) else fmt_count(n, style, lang)
    return out


def metrics_block(texts):
    """texts: dict key -> displayed string (or None).  Returns (metrics, metrics_text)."""
    mt = {k: texts.get(k) for k in METRIC_KEYS}
    mv = {k: (parse_count(v) if v is not None else None) for k, v in mt.items()}
    return mv, mt


def plural(lang, n, forms):
    """forms: (one, few, many) for ru/uk, (one, other) for en."""
    if lang == "en":
        return forms[0] if n == 1 else forms[1]
    n = abs(n) % 100
    if 10 < n < 20:
        return forms[2]
    n %= 10
    if n == 1:
        return forms[0]
    if 2 <= n <= 4:
        return forms[1]
    return forms[2]


# --------------------------------------------------------------------------
# dates
# --------------------------------------------------------------------------
MON_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MON_EN_FULL = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"]
MON_RU = ["янв.", "февр.", "мар.", "апр.", "мая", "июн.", "июл.", "авг.", "сент.", "окт.", "нояб.", "дек."]
MON_RU_FULL = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
               "октября", "ноября", "декабря"]
MON_UK = ["січ.", "лют.", "бер.", "квіт.", "трав.", "черв.", "лип.", "серп.", "вер.", "жовт.", "лист.", "груд."]
MON_UK_FULL = ["січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня",
               "жовтня", "листопада", "грудня"]


def rand_dt(rng):
    base = dt.datetime(2025, 11, 1, 0, 0)
    return base + dt.timedelta(days=rng.randint(0, 29), hours=rng.randint(7, 22), minutes=rng.randint(0, 59))


def t12(d):
    h = d.hour % 12 or 12
    return f"{h}:{d.minute:02d} {'AM' if d.hour < 12 else 'PM'}"


def t24(d):
    return f"{d.hour:02d}:{d.minute:02d}"


def x_detail_time(d, lang):
    if lang == "ru":
        return f"{t24(d)} · {d.day} {MON_RU[d.month - 1]} {d.year} г."
    if lang == "uk":
        return f"{t24(d)} · {d.day} {MON_UK[d.month - 1]} {d.year} р."
    return f"{t12(d)} · {MON_EN[d.month - 1]} {d.day}, {d.year}"


def rel_time(rng, lang, kind=None, style="x"):
    """Relative / short timestamps as shown in timelines."""
    kind = kind or rng.choice(["h", "h", "m", "date"])
    if kind == "m":
        n = rng.randint(1, 59)
        return {"en": f"{n}m", "ru": f"{n} мин", "uk": f"{n} хв"}[lang]
    if kind == "h":
        n = rng.randint(1, 23)
        if style == "fb":
            return {"en": f"{n}h", "ru": f"{n} ч.", "uk": f"{n} год."}[lang]
        return {"en": f"{n}h", "ru": f"{n} ч", "uk": f"{n} год"}[lang]
    d = rand_dt(rng)
    return {"en": f"{MON_EN[d.month - 1]} {d.day}", "ru": f"{d.day} {MON_RU[d.month - 1]}",
            "uk": f"{d.day} {MON_UK[d.month - 1]}"}[lang]


# --------------------------------------------------------------------------
# text helpers
# --------------------------------------------------------------------------
TOKEN_RE = re.compile(
    r"(@[A-Za-z0-9_]+(?:@[A-Za-z0-9.\-]+)?|#\w+|(?<![\w@])(?:[a-z0-9\-]+\.)+(?:com|org|net|io|ru|ua|gov|dev|ai)"
    r"(?:/[^\s]*)?)")


def rich(text, link_cls="lnk"):
    """Escape text and colour @mentions, #hashtags and links; keeps \n (rendered with pre-wrap)."""
    out = []
    for i, part in enumerate(TOKEN_RE.split(text)):
        if i % 2:
            out.append(f'<span class="{link_cls}" style="white-space:nowrap">{esc(part)}</span>')
        else:
            # keep words with hyphens/dashes/slashes on one line, so that every visual line break
            # in the image falls on a space (the truth joins wrapped lines with one space)
            for j, w in enumerate(re.split(r"(\S*[\-–/]\S*)", part)):
                out.append(f'<span style="white-space:nowrap">{esc(w)}</span>' if j % 2 and w else esc(w))
    return "".join(out)


def truncate(text, limit):
    """Cut at a word boundary before `limit` characters and append '…' (as platforms do)."""
    if len(text) <= limit:
        return text, False
    cut = text.rfind(" ", 0, limit)
    if cut < limit * 0.6:
        cut = limit
    t = text[:cut].rstrip(" ,;:—-\n")
    return t + "…", True


def para_html(text, gap):
    """Paragraphs separated by a blank line (gap=True) or a simple line break (always for lists)."""
    if any(re.match(r"\s*(?:[—•\-]|\d+[./])", ln) for ln in text.split("\n")[1:]):
        return text
    return text.replace("\n", "\n\n") if gap else text


class Pool:
    """Cycles through a list in a shuffled order so that every entry gets used."""

    def __init__(self, rng, items):
        self.rng, self.items, self.queue = rng, list(items), []

    def next(self, pred=None):
        for _ in range(2):
            for i, it in enumerate(self.queue):
                if pred is None or pred(it):
                    return self.queue.pop(i)
            q = list(self.items)
            self.rng.shuffle(q)
            self.queue.extend(q)
        cands = [it for it in self.items if pred is None or pred(it)]
        return self.rng.choice(cands or self.items)


# --------------------------------------------------------------------------
# icons (24x24 view boxes)
# --------------------------------------------------------------------------
XI = {
    "reply": "M1.751 10c0-4.42 3.584-8 8.005-8h4.366c4.49 0 8.129 3.64 8.129 8.13 0 2.96-1.607 5.68-4.196 7.11l-8.054 4.46v-3.69h-.067c-4.49.1-8.183-3.51-8.183-8.01zm8.005-6c-3.317 0-6.005 2.69-6.005 6 0 3.37 2.77 6.08 6.138 6.01l.351-.01h1.761v2.3l5.087-2.81c1.951-1.08 3.163-3.13 3.163-5.36 0-3.39-2.744-6.13-6.129-6.13H9.756z",
    "repost": "M4.5 3.88l4.432 4.14-1.364 1.46L5.5 7.55V16c0 1.1.896 2 2 2H13v2H7.5c-2.209 0-4-1.79-4-4V7.55L1.432 9.48.068 8.02 4.5 3.88zM16.5 6H11V4h5.5c2.209 0 4 1.79 4 4v8.45l2.068-1.93 1.364 1.46-4.432 4.14-4.432-4.14 1.364-1.46 2.068 1.93V8c0-1.1-.896-2-2-2z",
    "like": "M16.697 5.5c-1.222-.06-2.679.51-3.89 2.16l-.805 1.09-.806-1.09C9.984 6.01 8.526 5.44 7.304 5.5c-1.243.07-2.349.78-2.91 1.91-.552 1.12-.633 2.78.479 4.82 1.074 1.97 3.257 4.27 7.129 6.61 3.87-2.34 6.052-4.64 7.126-6.61 1.111-2.04 1.03-3.7.477-4.82-.561-1.13-1.666-1.84-2.908-1.91zm4.187 7.69c-1.351 2.48-4.001 5.12-8.379 7.67l-.503.3-.504-.3c-4.379-2.55-7.029-5.19-8.382-7.67-1.36-2.5-1.41-4.86-.514-6.67.887-1.79 2.647-2.91 4.601-3.01 1.651-.09 3.368.56 4.798 2.01 1.429-1.45 3.146-2.1 4.796-2.01 1.954.1 3.714 1.22 4.601 3.01.896 1.81.846 4.17-.514 6.67z",
    "views": "M8.75 21V3h2v18h-2zM18 21V8.5h2V21h-2zM4 21l.004-10h2L6 21H4zm9.248 0v-7h2v7h-2z",
    "bookmark": "M4 4.5C4 3.12 5.119 2 6.5 2h11C18.881 2 20 3.12 20 4.5v18.44l-8-5.71-8 5.71V4.5zM6.5 4c-.276 0-.5.22-.5.5v14.56l6-4.29 6 4.29V4.5c0-.28-.224-.5-.5-.5h-11z",
    "share": "M12 2.59l5.7 5.7-1.41 1.42L13 6.41V16h-2V6.41l-3.3 3.3-1.41-1.42L12 2.59zM21 15l-.02 3.51c0 1.38-1.12 2.49-2.5 2.49H5.5C4.11 21 3 19.88 3 18.5V15h2v3.5c0 .28.22.5.5.5h12.98c.28 0 .5-.22.5-.5L19 15h2z",
    "more": "M3 12c0-1.1.9-2 2-2s2 .9 2 2-.9 2-2 2-2-.9-2-2zm9 2c1.1 0 2-.9 2-2s-.9-2-2-2-2 .9-2 2 .9 2 2 2zm7 0c1.1 0 2-.9 2-2s-.9-2-2-2-2 .9-2 2 .9 2 2 2z",
    "pin": "M7 4.5C7 3.12 8.12 2 9.5 2h5C15.88 2 17 3.12 17 4.5v5.26L20.12 16H13v5l-1 2-1-2v-5H3.88L7 9.76V4.5z",
    "back": "M7.414 13l5.043 5.04-1.414 1.42L3.586 12l7.457-7.46 1.414 1.42L7.414 11H21v2H7.414z",
    "logo": "M18.244 2.25h3.308l-7.227 8.26 8.502 11.24H16.17l-5.214-6.817L4.99 21.75H1.68l7.73-8.835L1.254 2.25H8.08l4.713 6.231zm-1.161 17.52h1.833L7.084 4.126H5.117z",
    "grok": "M2.205 7.423L11.745 21h4.241L6.446 7.423H2.204zm4.237 7.541L2.2 21h4.243l2.12-3.017-2.121-3.02zM16.957 0L9.624 10.435l2.122 3.02L21.2 0h-4.243zm.767 6.456V21H21.2V1.51l-3.476 4.946z",
    "globe": "M12 2a10 10 0 100 20 10 10 0 000-20zm6.9 6h-2.95a15.7 15.7 0 00-1.38-3.56A8.03 8.03 0 0118.9 8zM12 4.04A14 14 0 0113.91 8h-3.82A14 14 0 0112 4.04zM4.26 14a8.2 8.2 0 010-4h3.38a16.5 16.5 0 000 4H4.26zm.82 2h2.95c.32 1.25.78 2.45 1.38 3.56A8 8 0 015.08 16zm2.95-8H5.08a8 8 0 014.33-3.56A15.7 15.7 0 008.03 8zM12 19.96A14 14 0 0110.09 16h3.82A14 14 0 0112 19.96zM14.34 14H9.66a14.7 14.7 0 010-4h4.68a14.7 14.7 0 010 4zm.25 5.56A15.7 15.7 0 0015.97 16h2.95a8 8 0 01-4.33 3.56zM16.36 14a16.5 16.5 0 000-4h3.38a8.2 8.2 0 010 4h-3.38z",
}
BADGE_PATH = "M20.396 11c-.018-.646-.215-1.275-.57-1.816-.354-.54-.852-.972-1.438-1.246.223-.607.27-1.264.14-1.897-.131-.634-.437-1.218-.882-1.687-.47-.445-1.053-.75-1.687-.882-.633-.13-1.29-.083-1.897.14-.273-.587-.704-1.086-1.245-1.44S11.647 1.62 11 1.604c-.646.017-1.273.213-1.813.568s-.969.854-1.24 1.44c-.608-.223-1.267-.272-1.902-.14-.635.13-1.22.436-1.69.882-.445.47-.749 1.055-.878 1.688-.13.633-.08 1.29.144 1.896-.587.274-1.087.705-1.443 1.245-.356.54-.555 1.17-.574 1.817.02.647.218 1.276.574 1.817.356.54.856.972 1.443 1.245-.224.606-.274 1.263-.144 1.896.13.634.433 1.218.877 1.688.47.443 1.054.747 1.687.878.633.132 1.29.084 1.897-.136.274.586.705 1.084 1.246 1.439.54.354 1.17.551 1.816.569.647-.016 1.276-.213 1.817-.567s.972-.854 1.245-1.44c.604.239 1.266.296 1.903.164.636-.132 1.22-.447 1.68-.907.46-.46.776-1.044.908-1.681s.075-1.299-.165-1.903c.586-.274 1.084-.705 1.439-1.246.354-.54.551-1.17.569-1.816zM9.662 14.85l-3.429-3.428 1.293-1.302 2.072 2.072 4.4-4.794 1.347 1.246z"
BADGE_COLORS = {"blue": "#1d9bf0", "gold": "#e2b719", "grey": "#829aab"}


def svg(path, cls="ic", extra=""):
    return f'<svg class="{cls}" viewBox="0 0 24 24" {extra}><path d="{path}"/></svg>'


def x_badge(kind, size=18.75):
    if not kind:
        return ""
    if kind == "gold":
        fill = "url(#goldgrad)"
        defs = ('<defs><linearGradient id="goldgrad" x1="4" y1="2" x2="19" y2="21" gradientUnits="userSpaceOnUse">'
                '<stop offset="0" stop-color="#f4e72a"/><stop offset=".54" stop-color="#cd8105"/>'
                '<stop offset=".69" stop-color="#cb7b00"/><stop offset="1" stop-color="#f4e72a"/></linearGradient></defs>')
    else:
        fill, defs = BADGE_COLORS[kind], ""
    return (f'<svg class="badge" viewBox="0 0 22 22" style="width:{size}px;height:{size}px">{defs}'
            f'<path fill="{fill}" d="{BADGE_PATH}"/></svg>')


# stroke icons for Bluesky / Threads / Mastodon / Facebook / Telegram
def sicon(d, cls="ic", sw=2, fill="none"):
    return (f'<svg class="{cls}" viewBox="0 0 24 24" fill="{fill}" stroke="currentColor" stroke-width="{sw}" '
            f'stroke-linecap="round" stroke-linejoin="round">{d}</svg>')


SI = {
    "bubble": '<path d="M20.5 11.5a8.5 8.5 0 0 1-12.3 7.6L3.5 20.5l1.4-4.5A8.5 8.5 0 1 1 20.5 11.5z"/>',
    "tbubble": '<path d="M20.66 15.9A9.5 9.5 0 1 0 17.1 19.7L21 21z"/>',
    "loop": '<path d="M17 2.5l3 3-3 3"/><path d="M20 5.5H8.5a4.5 4.5 0 0 0-4.5 4.5v1.5"/><path d="M7 21.5l-3-3 3-3"/><path d="M4 18.5h11.5a4.5 4.5 0 0 0 4.5-4.5v-1.5"/>',
    "heart": '<path d="M12 20.5s-8.5-5-8.5-11A4.8 4.8 0 0 1 12 6.6a4.8 4.8 0 0 1 8.5 2.9c0 6-8.5 11-8.5 11z"/>',
    "send": '<path d="M21.5 2.5L10.5 13.5"/><path d="M21.5 2.5l-7 19-4-8-8-4z"/>',
    "dots": '<circle cx="5" cy="12" r="1.3" fill="currentColor"/><circle cx="12" cy="12" r="1.3" fill="currentColor"/><circle cx="19" cy="12" r="1.3" fill="currentColor"/>',
    "reply_arrow": '<path d="M9.5 7L4 12l5.5 5"/><path d="M4 12h9.5a6.5 6.5 0 0 1 6.5 6.5v1"/>',
    "star": '<path d="M12 2.8l2.85 5.8 6.4.9-4.63 4.5 1.1 6.37L12 17.35l-5.72 3.02 1.1-6.37L2.75 9.5l6.4-.9z"/>',
    "bmark": '<path d="M6 3.5h12v17l-6-4.2-6 4.2z"/>',
    "thumb": '<path d="M7 10.5v10H3.5v-10zM7 20.5h9.6a2 2 0 0 0 2-1.6l1.3-6.3a2 2 0 0 0-2-2.4h-4.7l.8-3.6a2 2 0 0 0-1.9-2.4L7 10.5"/>',
    "comment": '<path d="M12 3.5c5 0 9 3.4 9 7.6s-4 7.6-9 7.6c-1 0-2-.1-2.9-.4L4 20.5l1.3-3.6C3.9 15.5 3 13.4 3 11.1 3 6.9 7 3.5 12 3.5z"/>',
    "fbshare": '<path d="M14 4.5l7 6.5-7 6.5v-4c-5 0-8.5 1.5-11 5.5 1-5.5 4.5-10 11-11z"/>',
    "eye": '<path d="M1.5 12S5.5 5 12 5s10.5 7 10.5 7-4 7-10.5 7S1.5 12 1.5 12z"/><circle cx="12" cy="12" r="3.2"/>',
    "chev": '<path d="M9 5l7 7-7 7"/>',
    "search": '<circle cx="11" cy="11" r="7"/><path d="M20.5 20.5L16 16"/>',
    "bars": '<path d="M4 7h16M4 12h16M4 17h16"/>',
}


# --------------------------------------------------------------------------
# avatars / picture fills
# --------------------------------------------------------------------------
def avatar_style(key, org=False, color=None, fg="#fff"):
    """Deterministic avatar per author name: a blurred 'photo' or a flat org logo."""
    r = random.Random("avatar:" + key)
    if org:
        return f"background:{color};color:{fg};", True
    pal = [("#d9a27a", "#6b4a3a"), ("#f1c27d", "#3b2f2f"), ("#8d5524", "#1f1b1b"), ("#c68642", "#40352c"),
           ("#e0ac69", "#20304a"), ("#ffdbac", "#5a6e3a")]
    skin, bg2 = r.choice(pal)
    bg1 = "#%02x%02x%02x" % (r.randint(60, 220), r.randint(60, 220), r.randint(60, 220))
    fx, fy = r.randint(40, 60), r.randint(35, 50)
    return (f"background: radial-gradient(ellipse 28% 34% at {fx}% {fy}%, {skin} 0 62%, transparent 72%),"
            f"radial-gradient(ellipse 55% 40% at {fx}% 105%, {bg2} 0 70%, transparent 72%),"
            f"radial-gradient(circle at {r.randint(0, 100)}% {r.randint(0, 40)}%, {bg1}, transparent 70%),"
            f"linear-gradient({r.randint(0, 360)}deg, {bg1}, #{r.randint(0, 0xffffff):06x});"), False


def avatar_html(author, size, cls="av", square=False, radius=None):
    style, is_org = avatar_style(author["name"], author.get("org", False), author.get("color"), author.get("fg", "#fff"))
    if radius is None:
        radius = "22%" if (square or is_org) and square is not False else "50%"
    inner = ""
    if is_org:
        logo = author.get("logo", author["name"][0])
        fs = size * (0.5 if len(logo) <= 1 else 0.36 if len(logo) <= 2 else 0.26)
        inner = f'<span style="font:700 {fs:.1f}px/1 Roboto,sans-serif;letter-spacing:-0.5px">{esc(logo)}</span>'
    return (f'<div class="{cls}" style="width:{size}px;height:{size}px;min-width:{size}px;border-radius:{radius};'
            f'display:flex;align-items:center;justify-content:center;{style}">{inner}</div>')


# --------------------------------------------------------------------------
# page wrapper
# --------------------------------------------------------------------------
MEASURE_JS = """<script>
document.fonts.ready.then(function(){var r=document.getElementById('root').getBoundingClientRect();
var ovf=0;document.querySelectorAll('.hdr,.nmrow,.hrow,.acts,.meta,.sub').forEach(function(e){if(e.scrollWidth>e.clientWidth+1)ovf++;});
document.title='H:'+Math.ceil(r.height)+':W:'+Math.ceil(r.width)+':O:'+ovf;});
</script>"""


def page(css, body, width, bg, font):
    return (f'<!doctype html><html><head><meta charset="utf-8"><title>x</title><style>'
            f'html,body{{margin:0;padding:0;background:{bg};}}'
            f'body{{font-family:{font};-webkit-font-smoothing:antialiased;text-rendering:optimizeLegibility;}}'
            f'#root{{width:{width}px;display:flow-root;}}*{{box-sizing:border-box;}}'
            f'{css}</style></head><body><div id="root">{body}</div>{MEASURE_JS}</body></html>')


def empty_post(author, ts, text):
    mv, mt = metrics_block({})
    return {"author": author, "timestamp": {"text": ts}, "text": text, "reply_to": [],
            "metrics": mv, "metrics_text": mt, "quoted": None}


# ==========================================================================
# X (Twitter)
# ==========================================================================
X_THEMES = {
    "light": dict(bg="#ffffff", text="#0f1419", grey="#536471", border="#eff3f4", line="#cfd9de", qborder="#cfd9de",
                  btn_bg="#0f1419", btn_fg="#ffffff"),
    "dim": dict(bg="#15202b", text="#f7f9f9", grey="#8b98a5", border="#38444d", line="#42535f", qborder="#425364",
                btn_bg="#eff3f4", btn_fg="#0f1419"),
    "dark": dict(bg="#000000", text="#e7e9ea", grey="#71767b", border="#2f3336", line="#333639", qborder="#2f3336",
                 btn_bg="#eff3f4", btn_fg="#0f1419"),
}
X_UI = {
    "en": dict(show_more="Show more", translate="Translate post", replying="Replying to", reposted="{} reposted",
               pinned="Pinned", views_word=("View", "Views"), post="Post", follow="Follow", foryou="For you",
               following="Following", reposts=("Repost", "Reposts"), quotes=("Quote", "Quotes"),
               likes=("Like", "Likes"), bookmarks=("Bookmark", "Bookmarks"), reply_ph="Post your reply",
               reply_btn="Reply", relevant="Most relevant replies"),
    "ru": dict(show_more="Показать еще", translate="Перевести пост", replying="В ответ", reposted="{} сделал(а) репост",
               pinned="Закреплено", views_word=("просмотр", "просмотра", "просмотров"), post="Пост", follow="Читать",
               foryou="Для вас", following="Подписки", reposts=("репост", "репоста", "репостов"),
               quotes=("цитата", "цитаты", "цитат"), likes=("отметка «Нравится»", "отметки «Нравится»", "отметок «Нравится»"),
               bookmarks=("закладка", "закладки", "закладок"), reply_ph="Опубликуйте свой ответ", reply_btn="Ответить",
               relevant="Самые релевантные ответы"),
    "uk": dict(show_more="Показати більше", translate="Перекласти допис", replying="У відповідь",
               reposted="{} зробив(ла) репост", pinned="Закріплено", views_word=("перегляд", "перегляди", "переглядів"),
               post="Допис", follow="Читати", foryou="Для вас", following="Відстежуються",
               reposts=("репост", "репости", "репостів"), quotes=("цитата", "цитати", "цитат"),
               likes=("вподобання", "вподобання", "вподобань"), bookmarks=("закладка", "закладки", "закладок"),
               reply_ph="Опублікуйте відповідь", reply_btn="Відповісти", relevant="Найрелевантніші відповіді"),
}


def x_css(t, mobile=False, detail_fs=17):
    return f"""
#root{{background:{t['bg']};color:{t['text']};}}
.lnk{{color:#1d9bf0;}}
.xt{{padding:12px 16px 0;border-bottom:1px solid {t['border']};}}
.xt.cont{{border-bottom:none;}}
.xt.child{{padding-top:4px;}}
.ctx{{display:flex;align-items:center;font-size:13px;line-height:16px;font-weight:700;color:{t['grey']};margin:-4px 0 4px 0;}}
.ctx .ctxi{{width:40px;margin-right:8px;display:flex;justify-content:flex-end;}}
.ctx svg{{width:16px;height:16px;fill:{t['grey']};}}
.row{{display:flex;}}
.left{{width:40px;margin-right:8px;display:flex;flex-direction:column;align-items:center;}}
.tline{{width:2px;flex-grow:1;background:{t['line']};margin-top:4px;}}
.body{{flex:1;min-width:0;padding-bottom:12px;}}
.hdr{{display:flex;align-items:center;font-size:15px;line-height:20px;white-space:nowrap;}}
.nm{{font-weight:700;color:{t['text']};}}
.badge{{margin-left:2px;flex:none;}}
.hd,.dot,.tm{{color:{t['grey']};}}
.hd{{margin-left:4px;}}
.dot{{padding:0 4px;}}
.hdr .sp{{flex:1;min-width:8px;}}
.hdr .mr{{width:18.75px;height:18.75px;fill:{t['grey']};}}
.rt{{font-size:15px;line-height:20px;color:{t['grey']};margin-top:2px;}}
.tx{{font-size:15px;line-height:20px;white-space:pre-wrap;overflow-wrap:break-word;margin-top:2px;color:{t['text']};}}
.more{{font-size:15px;line-height:20px;color:#1d9bf0;margin-top:2px;}}
.acts{{display:flex;justify-content:space-between;margin-top:12px;font-size:13px;line-height:16px;color:{t['grey']};}}
.act{{display:flex;align-items:center;flex:1;}}
.act svg{{width:18.75px;height:18.75px;fill:{t['grey']};}}
.act span{{padding:0 12px 0 4px;white-space:nowrap;}}
.acts .end{{display:flex;flex:none;gap:12px;}}
.acts .end svg{{width:18.75px;height:18.75px;fill:{t['grey']};}}
.media{{margin-top:12px;border:1px solid {t['qborder']};border-radius:16px;overflow:hidden;}}
.qt{{border:1px solid {t['qborder']};border-radius:16px;padding:12px;margin-top:12px;}}
.qt .hdr{{font-size:15px;}}
.qt .tx{{margin-top:4px;}}
.qt .av{{margin-right:4px;}}
.xd{{padding:0 16px;border-bottom:1px solid {t['border']};}}
.dh{{display:flex;align-items:center;padding-top:12px;}}
.dh .who{{margin-left:8px;line-height:20px;font-size:15px;flex:1;min-width:0;}}
.dh .nmrow{{display:flex;align-items:center;white-space:nowrap;}}
.dh .hd{{margin-left:0;}}
.dh svg.mr{{width:18.75px;height:18.75px;fill:{t['grey']};margin-left:8px;}}
.fbtn{{background:{t['btn_bg']};color:{t['btn_fg']};font-weight:700;font-size:14px;border-radius:9999px;padding:0 16px;line-height:32px;height:32px;}}
.dtx{{font-size:{detail_fs}px;line-height:{23 if detail_fs >= 17 else 20}px;white-space:pre-wrap;overflow-wrap:break-word;margin-top:12px;color:{t['text']};}}
.dmeta{{font-size:15px;line-height:20px;color:{t['grey']};margin:16px 0;}}
.dmeta b{{color:{t['text']};font-weight:700;}}
.dstats{{display:flex;flex-wrap:wrap;gap:0 20px;border-top:1px solid {t['border']};padding:16px 4px;font-size:14px;line-height:16px;color:{t['grey']};}}
.dstats b{{color:{t['text']};font-weight:700;}}
.dicons{{display:flex;justify-content:space-around;align-items:center;height:48px;border-top:1px solid {t['border']};padding:0 4px;color:{t['grey']};font-size:13px;}}
.dicons svg{{width:22.5px;height:22.5px;fill:{t['grey']};}}
.dicons .act{{flex:none;}}
.dicons.withc{{justify-content:space-between;}}
.topbar{{display:flex;align-items:center;height:53px;padding:0 16px;font-size:20px;font-weight:700;border-bottom:1px solid transparent;}}
.topbar svg{{width:20px;height:20px;fill:{t['text']};margin-right:36px;}}
.status{{display:flex;align-items:center;justify-content:space-between;height:47px;padding:0 28px 0 34px;font-weight:600;font-size:16px;color:{t['text']};}}
.status svg{{fill:{t['text']};}}
.tabs{{display:flex;border-bottom:1px solid {t['border']};font-size:15px;}}
.tabs div{{flex:1;text-align:center;padding:16px 0 14px;color:{t['grey']};}}
.tabs div.on{{color:{t['text']};font-weight:700;}}
.tabs div.on span{{border-bottom:4px solid #1d9bf0;padding-bottom:13px;}}
.mhead{{display:flex;align-items:center;justify-content:center;height:53px;position:relative;}}
.mhead svg{{width:24px;height:24px;fill:{t['text']};}}
.mhead .mav{{position:absolute;left:16px;top:12px;}}
.replybox{{display:flex;align-items:center;padding:12px 16px;border-bottom:1px solid {t['border']};gap:8px;}}
.replybox .ph{{flex:1;font-size:20px;color:{t['grey']};}}
.replybox .rb{{background:#1d9bf0;opacity:.5;color:#fff;font-weight:700;border-radius:9999px;padding:0 16px;line-height:36px;font-size:15px;}}
.colborder{{border-left:1px solid {t['border']};border-right:1px solid {t['border']};}}
""" + ("""
.act span{padding:0 4px 0 3px;}
.acts .end{gap:8px;}
""" if mobile else "")


def x_actions_tl(p, end_icons=True, mobile=False):
    mt = p["metrics_text"]

    def grp(icon, key):
        c = mt.get(key)
        return f'<div class="act">{svg(XI[icon])}<span>{esc(c) if c else ""}</span></div>'
    end = (f'<div class="end">{"" if mobile else svg(XI["bookmark"])}{svg(XI["share"])}</div>' if end_icons else "")
    return (f'<div class="acts">{grp("reply", "replies")}{grp("repost", "reposts")}{grp("like", "likes")}'
            f'{grp("views", "views")}{end}</div>')


def x_quote_html(q):
    a = q["_a"]
    return (f'<div class="qt"><div class="hdr">{avatar_html(a, 20, radius="22%" if a.get("org") else "50%")}'
            f'<span class="nm">{esc(a["name"])}</span>{x_badge(a.get("badge"), 16.5)}'
            f'<span class="hd">@{esc(a["handle"])}</span><span class="dot">·</span>'
            f'<span class="tm">{esc(q["timestamp"]["text"])}</span></div>'
            f'<div class="tx">{rich(q["_display"])}</div></div>')


def x_timeline_item(p, ui, cont=False, child=False, header=None, mobile=False):
    a = p["_a"]
    cls = "xt" + (" cont" if cont else "") + (" child" if child else "")
    ctx = ""
    if header:
        icon, label = header
        ctx = f'<div class="ctx"><div class="ctxi">{svg(XI[icon])}</div><span>{esc(label)}</span></div>'
    rt = ""
    if p["reply_to"]:
        rt = (f'<div class="rt">{esc(ui["replying"])} '
              + " ".join(f'<span class="lnk">{esc(h)}</span>' for h in p["reply_to"]) + "</div>")
    more = f'<div class="more">{esc(ui["show_more"])}</div>' if p.get("_truncated") else ""
    tr = f'<div class="more">{esc(ui["translate"])}</div>' if p.get("_translate") else ""
    q = x_quote_html(p["quoted"]) if p.get("quoted") else ""
    q = p.get("_media", "") + q
    av = avatar_html(a, 40, radius="22%" if a.get("org") else "50%")
    line = '<div class="tline"></div>' if cont else ""
    return (f'<article class="{cls}">{ctx}<div class="row"><div class="left">{av}{line}</div><div class="body">'
            f'<div class="hdr"><span class="nm">{esc(a["name"])}</span>{x_badge(a.get("badge"))}'
            f'<span class="hd">@{esc(a["handle"])}</span><span class="dot">·</span>'
            f'<span class="tm">{esc(p["timestamp"]["text"])}</span><span class="sp"></span>{svg(XI["more"], "mr")}</div>'
            f'{rt}<div class="tx">{rich(p["_display"])}</div>{more}{tr}{q}{x_actions_tl(p, mobile=mobile)}</div></div></article>')


def x_detail_item(p, ui, lang, style="stats", follow=False):
    a = p["_a"]
    mt = p["metrics_text"]
    views = ""
    if mt["views"] and style == "stats":
        n = p["metrics"]["views"]
        if lang == "en":
            word = ui["views_word"][0 if n == 1 else 1]
        else:
            word = ui["views_word"][2] if not re.fullmatch(r"[\d ]+", mt["views"]) else plural(lang, n, ui["views_word"])
        views = f' · <b>{esc(mt["views"])}</b> {esc(word)}'
    stats = ""
    if style == "stats":
        parts = []
        for key in ("reposts", "quotes", "likes", "bookmarks"):
            if mt[key]:
                n = p["metrics"][key]
                word = plural(lang, n, ui[key])
                parts.append(f'<span><b>{esc(mt[key])}</b> {esc(word)}</span>')
        if parts:
            stats = f'<div class="dstats">{"".join(parts)}</div>'
        icons = (f'<div class="dicons">{svg(XI["reply"])}{svg(XI["repost"])}{svg(XI["like"])}'
                 f'{svg(XI["bookmark"])}{svg(XI["share"])}</div>')
    else:  # 2024+ layout: counts next to the icons, views in the meta line
        if mt["views"]:
            n = p["metrics"]["views"]
            word = ui["views_word"][1] if lang == "en" else ui["views_word"][2]
            views = f' · <b>{esc(mt["views"])}</b> {esc(word)}'

        def g(icon, key):
            c = mt.get(key)
            return f'<div class="act">{svg(XI[icon])}<span>{esc(c) if c else ""}</span></div>'
        icons = (f'<div class="dicons withc">{g("reply", "replies")}{g("repost", "reposts")}{g("like", "likes")}'
                 f'{g("bookmark", "bookmarks")}<div class="act">{svg(XI["share"])}</div></div>')
    rt = ""
    if p["reply_to"]:
        rt = (f'<div class="rt" style="margin-top:12px">{esc(ui["replying"])} '
              + " ".join(f'<span class="lnk">{esc(h)}</span>' for h in p["reply_to"]) + "</div>")
    more = f'<div class="more" style="margin-top:4px">{esc(ui["translate"])}</div>' if p.get("_translate") else ""
    q = p.get("_media", "") + (x_quote_html(p["quoted"]) if p.get("quoted") else "")
    fb = f'<div class="fbtn">{esc(ui["follow"])}</div>' if follow else ""
    return (f'<article class="xd"><div class="dh">{avatar_html(a, 40, radius="22%" if a.get("org") else "50%")}'
            f'<div class="who"><div class="nmrow"><span class="nm">{esc(a["name"])}</span>{x_badge(a.get("badge"))}</div>'
            f'<div class="hd">@{esc(a["handle"])}</div></div>{fb}{svg(XI["more"], "mr")}</div>'
            f'{rt}<div class="dtx">{rich(p["_display"])}</div>{more}{q}'
            f'<div class="dmeta">{esc(p["timestamp"]["text"])}{views}</div>{stats}{icons}</article>')


def ios_status(time_text, color):
    sig = ''.join(f'<rect x="{i * 5}" y="{10 - (i + 1) * 2.5}" width="3" height="{(i + 1) * 2.5}" rx="1"/>' for i in range(4))
    return (f'<div class="status"><span>{time_text}</span><span style="display:flex;gap:6px;align-items:center">'
            f'<svg width="19" height="11" viewBox="0 0 19 11">{sig}</svg>'
            f'<svg width="16" height="12" viewBox="0 0 16 12"><path d="M8 2.5a9 9 0 0 1 6.4 2.6l1.1-1.1A10.6 10.6 0 0 0 8 1 10.6 10.6 0 0 0 .5 4l1.1 1.1A9 9 0 0 1 8 2.5zm0 3.2a5.8 5.8 0 0 1 4.1 1.7l1.1-1.1A7.4 7.4 0 0 0 8 4.2a7.4 7.4 0 0 0-5.2 2.1l1.1 1.1A5.8 5.8 0 0 1 8 5.7zm0 3.2c.7 0 1.4.3 1.9.8L8 11.6 6.1 9.7c.5-.5 1.2-.8 1.9-.8z"/></svg>'
            f'<svg width="27" height="13" viewBox="0 0 27 13"><rect x=".5" y=".5" width="22" height="12" rx="3.5" fill="none" stroke="{color}" opacity=".4"/>'
            f'<rect x="2" y="2" width="{random.Random(time_text).randint(8, 19)}" height="9" rx="2"/><rect x="24" y="4.5" width="1.5" height="4" rx=".7" opacity=".4"/></svg>'
            f'</span></div>')


# ==========================================================================
# sample context & post factory
# ==========================================================================
class Ctx:
    def __init__(self, seed, holdout=False, fresh=False):
        self.rng = random.Random(seed)
        self.holdout = holdout
        self.fresh = fresh
        texts = pools.HOLDOUT_TEXTS if holdout else pools.MAIN_TEXTS
        self.texts = {lang: Pool(self.rng, lst) for lang, lst in texts.items()}
        authors = pools.AUTHORS + (pools.HOLDOUT_AUTHORS * 2 if holdout else [])
        self.authors = Pool(self.rng, authors)
        self.channels = {lang: Pool(self.rng, lst + (pools.HOLDOUT_CHANNELS[lang] if holdout else []))
                         for lang, lst in pools.CHANNELS.items()}
        self.fwd_sources = ["Bloomberg", "Reuters", "РИА Новости", "Суспільне"]
        self.tg_chats = TG_CHATS
        if fresh:
            # Telegram development sets on texts and names of neither the main set nor the holdout.
            self.texts = {lang: Pool(self.rng, lst) for lang, lst in pools_fresh.TG_POSTS.items()}
            self.channels = {lang: Pool(self.rng, lst) for lang, lst in pools_fresh.TG_CHANNELS.items()}
            self.fwd_sources = pools_fresh.TG_FWD_SOURCES
            self.tg_chats = pools_fresh.TG_CHATLIST
        self.chat_msgs = {lang: Pool(self.rng, lst) for lang, lst in pools_fresh.TG_CHAT_MESSAGES.items()}
        self.groups = {lang: Pool(self.rng, lst) for lang, lst in pools_fresh.TG_GROUPS.items()}
        self.fbnames = {lang: Pool(self.rng, lst + (pools.HOLDOUT_FB_NAMES[lang] if holdout else []))
                        for lang, lst in pools.FB_NAMES.items()}
        self.bsky = Pool(self.rng, pools.BSKY_AUTHORS)
        self.threads = Pool(self.rng, pools.THREADS_AUTHORS)
        self.masto = Pool(self.rng, pools.MASTO_AUTHORS)
        self.maxlen = None

    def text(self, lang, max_len=None, min_len=None):
        return self.texts[lang].next(lambda t: (max_len is None or len(t) <= max_len) and (min_len is None or len(t) >= min_len))

    def x_author(self, lang, prefer=0.75, maxlen=None):
        """maxlen bounds len(name)+len(handle) so that narrow (mobile) header lines fit without ellipsis."""
        rng = self.rng
        maxlen = maxlen or self.maxlen
        fits = (lambda a: True) if maxlen is None else (lambda a: len(a["name"]) + len(a["handle"]) + (3 if a.get("badge") else 0) <= maxlen)
        if rng.random() < prefer:
            return dict(self.authors.next(lambda a: a["lang"] == lang and fits(a)))
        return dict(self.authors.next(fits))


def x_author_truth(a):
    return {"name": a["name"], "handle": "@" + a["handle"], "verified": bool(a.get("badge"))}


def x_counts(rng, lang, style="abbr", absent=0.15, scale_hi=6.8, keys=("replies", "reposts", "likes", "views")):
    """Random but coherent engagement counts (views >> likes >> reposts ...), formatted the X way.
    A count of 0 is not displayed by X, so it becomes None; `absent` hides a few more at random."""
    views = rand_count(rng, 2.6, scale_hi)
    likes = views * rng.uniform(0.002, 0.05)
    raw = {"views": views, "likes": likes, "reposts": likes * rng.uniform(0.03, 0.4),
           "replies": likes * rng.uniform(0.01, 0.3), "quotes": likes * rng.uniform(0.002, 0.05),
           "bookmarks": likes * rng.uniform(0.01, 0.2)}
    texts = {}
    for k in keys:
        n = int(raw[k])
        if n <= 0 or (k not in ("views", "likes") and rng.random() < absent):
            texts[k] = None
            continue
        texts[k] = fmt_count(n, style if k != "views" else "abbr", lang)
    return texts


def make_x_post(ctx, lang, author=None, ts=None, text=None, counts=None, reply_to=None, truncate_at=None,
                translate=False, quoted=None, ui_lang=None):
    rng = ctx.rng
    a = author or ctx.x_author(lang)
    text = text if text is not None else ctx.text(lang)
    display, trunc = truncate(text, truncate_at) if truncate_at else (text, False)
    mv, mt = metrics_block(counts or {})
    p = {"author": x_author_truth(a), "timestamp": {"text": ts or rel_time(rng, ui_lang or lang)}, "text": display,
         "reply_to": list(reply_to or []), "metrics": mv, "metrics_text": mt, "quoted": quoted,
         "_a": a, "_display": para_html(display, rng.random() < 0.5), "_truncated": trunc, "_translate": translate}
    return p


def make_x_quoted(ctx, lang, before=None):
    rng = ctx.rng
    a = ctx.x_author(lang, prefer=0.85)
    text = ctx.text(lang, max_len=260)
    d = (before - dt.timedelta(days=rng.randint(0, 6), hours=rng.randint(1, 12))) if before else rand_dt(rng)
    ts = {"en": f"{MON_EN[d.month - 1]} {d.day}", "ru": f"{d.day} {MON_RU[d.month - 1]}",
          "uk": f"{d.day} {MON_UK[d.month - 1]}"}[lang]
    q = empty_post(x_author_truth(a), ts, text)
    q["_a"] = a
    q["_display"] = text
    return q


def media_html(rng, cls="media", ratio=None):
    ratio = ratio or rng.choice([0.5625, 0.5625, 0.75, 1.0])
    uid = "m%06d" % rng.randint(0, 999999)
    return f'<div class="{cls}">{photo_svg(rng, 1000, int(1000 * ratio), uid, "display:block;width:100%;height:auto")}</div>'


def strip_private(obj):
    if isinstance(obj, dict):
        return {k: strip_private(v) for k, v in obj.items() if not k.startswith("_")}
    if isinstance(obj, list):
        return [strip_private(v) for v in obj]
    return obj


# --------------------------------------------------------------------------
# X builders.  Each returns dict(html, width, posts, platform, theme, lang, notes, tags)
# --------------------------------------------------------------------------
def pick_ui_lang(rng, lang):
    return lang if rng.random() < 0.8 else "en"


def build_x_detail(ctx, theme, lang, mobile=False, variant="plain"):
    rng = ctx.rng
    ctx.maxlen = 22 if mobile else None
    ui_lang = pick_ui_lang(rng, lang) if variant != "quote" else lang
    ui = X_UI[ui_lang]
    t = X_THEMES[theme]
    d = rand_dt(rng)
    style = "stats" if rng.random() < 0.75 else "inline"
    keys = ("replies", "reposts", "quotes", "likes", "views", "bookmarks")
    counts = x_counts(rng, ui_lang, style="abbr10k" if style == "stats" else "abbr", absent=0.12, keys=keys)
    if style == "stats":
        counts["replies"] = None  # the stats row has no reply count
    else:
        counts["quotes"] = None
    quoted = make_x_quoted(ctx, lang, before=d) if variant == "quote" else None
    text = ctx.text(lang, max_len=420 if variant == "quote" else None)
    p = make_x_post(ctx, lang, ts=x_detail_time(d, ui_lang), text=text, counts=counts,
                    translate=(ui_lang != lang), quoted=quoted)
    if not quoted and rng.random() < 0.3:
        p["_media"] = media_html(rng)
        notes_media = True
    else:
        notes_media = False
    width = rng.choice([390, 390, 412, 375]) if mobile else rng.choice([600, 600, 598])
    notes = [f"X post detail view ({'mobile' if mobile else 'desktop'}, {theme} theme, UI language {ui_lang})"]
    top = ""
    if mobile and rng.random() < 0.7:
        top += ios_status(t24(rand_dt(rng)) if ui_lang != "en" else t12(rand_dt(rng))[:-3], t["text"])
        notes.append("iOS status bar with a clock at the top is chrome")
    if rng.random() < 0.6:
        top += f'<div class="topbar">{svg(XI["back"])}<span>{esc(ui["post"])}</span></div>'
        notes.append(f"header bar '← {ui['post']}' is chrome")
    fs = 15 if mobile else 17
    body = top + x_detail_item(p, ui, ui_lang, style=style, follow=rng.random() < 0.3)
    if rng.random() < 0.4:
        body += (f'<div class="replybox">{avatar_html({"name": "me" + str(rng.random())}, 40)}'
                 f'<div class="ph">{esc(ui["reply_ph"])}</div><div class="rb">{esc(ui["reply_btn"])}</div></div>')
        notes.append("reply composer below the post is chrome")
    if style == "inline":
        notes.append("newer detail layout: counts beside the icons, views in the timestamp line")
    if p["_translate"]:
        notes.append("'Translate post' link is chrome")
    if quoted:
        notes.append("quote post: the quoted post is in the bordered box")
    if notes_media:
        notes.append("the post has a photo attachment (no text in it)")
    cls = "" if mobile or rng.random() < 0.5 else "colborder"
    css = x_css(t, mobile, detail_fs=fs)
    return dict(html=page(css, f'<div class="{cls}">{body}</div>', width, t["bg"], FONTS[rng.choice(["roboto", "roboto", "noto", "liberation"])]),
                width=width, posts=[p], platform="x", theme=theme, lang=lang, notes="; ".join(notes),
                tags=["detail"] + (["quote"] if quoted else []) + (["mobile"] if mobile else []) + ([ui_lang + "ui"] if ui_lang != lang else []))


X_NAV = {
    "en": ["Home", "Explore", "Notifications", "Messages", "Grok", "Bookmarks", "Profile", "More"],
    "ru": ["Главная", "Обзор", "Уведомления", "Сообщения", "Grok", "Закладки", "Профиль", "Еще"],
    "uk": ["Головна", "Огляд", "Сповіщення", "Повідомлення", "Grok", "Закладки", "Профіль", "Більше"],
}
X_SIDE = {
    "en": dict(search="Search", happening="What’s happening", trend="Trending in {}", country="United States",
               posts="{} posts", wtf="Who to follow", follow="Follow", post="Post", home="Home"),
    "ru": dict(search="Поиск", happening="Что происходит?", trend="Актуальные темы: {}", country="Россия",
               posts="Постов: {}", wtf="Кого читать", follow="Читать", post="Опубликовать пост", home="Главная"),
    "uk": dict(search="Пошук", happening="Що відбувається", trend="Популярне: {}", country="Україна",
               posts="Дописів: {}", wtf="Кого читати", follow="Читати", post="Опублікувати", home="Головна"),
}
NAV_ICONS = [
    '<path d="M3 10.5L12 3l9 7.5V21h-6v-6H9v6H3z"/>', '<circle cx="11" cy="11" r="7"/><path d="M20.5 20.5L16 16"/>',
    '<path d="M6 16V10a6 6 0 0 1 12 0v6l2 2H4z"/><path d="M10 20.5a2 2 0 0 0 4 0"/>',
    '<rect x="3" y="5" width="18" height="14" rx="2"/><path d="M3 7l9 6 9-6"/>',
    '<path d="M4 20L19 4M9 4l11 16"/>', '<path d="M6 3.5h12v17l-6-4.2-6 4.2z"/>',
    '<circle cx="12" cy="8" r="4"/><path d="M4 21c0-4 3.6-7 8-7s8 3 8 7"/>',
    '<circle cx="12" cy="12" r="9"/><circle cx="8" cy="12" r=".8" fill="currentColor"/><circle cx="12" cy="12" r=".8" fill="currentColor"/><circle cx="16" cy="12" r=".8" fill="currentColor"/>',
]


def x_fullpage(ctx, t, ui_lang, column_html, exclude):
    """Wrap an X column in the desktop page: left navigation and right sidebar (trends, who to follow)."""
    rng = ctx.rng
    side = X_SIDE[ui_lang]
    nav = "".join(f'<div class="nv">{sicon(NAV_ICONS[i], "ic", 1.8)}<span{" class=on" if i == 0 else ""}>{esc(label)}</span></div>'
                  for i, label in enumerate(X_NAV[ui_lang]))
    tags = {"en": ["#FII9", "Powell", "Bitcoin", "#UCL", "OPEC+", "Gemini"],
            "ru": ["#ставка", "Мосбиржа", "Зенит", "#ЦБ", "Курс доллара", "Росстат"],
            "uk": ["#Нацбанк", "Шахтар", "Укренерго", "#техно", "Львів", "Жадан"]}[ui_lang]
    trends = ""
    for tag in rng.sample(tags, 4):
        cnt = fmt_count(rand_count(rng, 3.2, 5.6), "abbr", ui_lang)
        trends += (f'<div class="tr"><div class="g">{esc(side["trend"].format(side["country"]))}</div><div class="b">{esc(tag)}</div>'
                   f'<div class="g">{esc(side["posts"].format(cnt))}</div></div>')
    wtf = ""
    for a in [a for a in pools.AUTHORS if a["handle"] not in exclude and a["lang"] in (ui_lang, "en")][:40:7][:3]:
        wtf += (f'<div class="wf">{avatar_html(a, 40, radius="22%" if a.get("org") else "50%")}<div class="wn"><div class="nmrow">'
                f'<span class="nm">{esc(a["name"])}</span>{x_badge(a.get("badge"))}</div><div class="hd" style="margin:0">@{esc(a["handle"])}</div></div>'
                f'<div class="fbtn">{esc(side["follow"])}</div></div>')
    logo = f'<svg viewBox="0 0 24 24" style="width:30px;height:30px;fill:{t["text"]};margin:12px 12px 8px">{"<path d=%s/>" % chr(34) + XI["logo"] + chr(34)}</svg>'
    return (f'<div class="fp"><div class="lnav">{logo}{nav}<div class="pbtn">{esc(side["post"])}</div></div>'
            f'<div class="mcol">{column_html}</div><div class="rside"><div class="srch">{sicon(SI["search"], "ic", 2)}<span>{esc(side["search"])}</span></div>'
            f'<div class="box"><div class="bh">{esc(side["happening"])}</div>{trends}</div>'
            f'<div class="box"><div class="bh">{esc(side["wtf"])}</div>{wtf}</div></div></div>')


def x_fullpage_css(t):
    return f"""
.fp{{display:flex;justify-content:center;width:100%;}}
.lnav{{width:259px;padding:0 12px;color:{t['text']};}}
.nv{{display:flex;align-items:center;gap:20px;padding:12px;font-size:20px;line-height:24px;}}
.nv svg{{width:26px;height:26px;}}
.nv span.on{{font-weight:700;}}
.pbtn{{background:{t['btn_bg']};color:{t['btn_fg']};font-weight:700;font-size:17px;text-align:center;border-radius:9999px;line-height:52px;margin:16px 12px 0 0;width:220px;}}
.mcol{{width:600px;border-left:1px solid {t['border']};border-right:1px solid {t['border']};min-height:100%;}}
.rside{{width:350px;margin-left:30px;padding-top:6px;}}
.srch{{display:flex;align-items:center;gap:12px;border:1px solid {t['border']};border-radius:9999px;height:42px;padding:0 16px;color:{t['grey']};font-size:15px;}}
.srch svg{{width:18px;height:18px;}}
.box{{border:1px solid {t['border']};border-radius:16px;margin-top:16px;padding-bottom:8px;}}
.bh{{font-size:20px;font-weight:800;padding:12px 16px;color:{t['text']};}}
.tr{{padding:10px 16px;font-size:13px;line-height:16px;}}
.tr .g{{color:{t['grey']};}}
.tr .b{{font-size:15px;font-weight:700;line-height:20px;color:{t['text']};}}
.wf{{display:flex;align-items:center;padding:12px 16px;gap:10px;font-size:15px;line-height:20px;}}
.wf .wn{{flex:1;min-width:0;}}
.hometabs{{border-bottom:1px solid {t['border']};}}
.hometabs .tabs{{border-bottom:none;}}
"""


def build_x_timeline(ctx, theme, lang, mobile=False, variant="plain", n=None, fullpage=False):
    """variant: plain | reply | thread | quote | reposted | pinned | long"""
    rng = ctx.rng
    ctx.maxlen = 22 if mobile else 40
    ui_lang = pick_ui_lang(rng, lang)
    ui = X_UI[ui_lang]
    t = X_THEMES[theme]
    posts, items, notes = [], [], [f"X timeline ({'mobile' if mobile else 'desktop'}, {theme}, UI {ui_lang})"]

    def counts():
        return x_counts(rng, ui_lang, absent=0.2)

    if variant == "reply":
        parent_a = ctx.x_author(lang)
        hrs = rng.randint(2, 20)
        t1, t2 = ({"en": f"{hrs}h", "ru": f"{hrs} ч", "uk": f"{hrs} год"}[ui_lang],
                  rel_time(rng, ui_lang, kind="m") if rng.random() < 0.5 else
                  {"en": f"{hrs - 1}h", "ru": f"{hrs - 1} ч", "uk": f"{hrs - 1} год"}[ui_lang])
        p1 = make_x_post(ctx, lang, ui_lang=ui_lang, author=parent_a, counts=counts(), ts=t1,
                         text=ctx.text(lang, max_len=300))
        child_a = ctx.x_author(lang, prefer=0.5)
        while child_a["handle"] == parent_a["handle"]:
            child_a = ctx.x_author(lang, prefer=0.3)
        p2 = make_x_post(ctx, lang, ui_lang=ui_lang, author=child_a, counts=counts(), reply_to=["@" + parent_a["handle"]], ts=t2,
                         text=ctx.text(lang, max_len=300))
        posts = [p1, p2]
        items = [x_timeline_item(p1, ui, cont=True, mobile=mobile), x_timeline_item(p2, ui, child=True, mobile=mobile)]
        notes.append(f"reply under its parent with a thread connector; '{ui['replying']} @…' line is chrome (reply_to)")
    elif variant == "thread":
        a = ctx.x_author(lang)
        k = n or rng.choice([2, 3])
        ts = rel_time(rng, ui_lang)
        for i in range(k):
            posts.append(make_x_post(ctx, lang, ui_lang=ui_lang, author=a, counts=counts(), ts=ts,
                                     text=ctx.text(lang, max_len=320)))
        items = [x_timeline_item(p, ui, cont=(i < k - 1), child=(i > 0), mobile=mobile) for i, p in enumerate(posts)]
        notes.append(f"self-thread of {k} posts by the same author joined by connector lines")
    else:
        header = None
        trunc = 280 if variant == "long" else None
        text = ctx.text(lang, min_len=300) if variant == "long" else ctx.text(lang, max_len=None if variant != "quote" else 300)
        quoted = make_x_quoted(ctx, lang) if variant == "quote" else None
        a = None
        if variant == "reposted":
            rp = ctx.x_author(lang, prefer=0.5)
            header = ("repost", ui["reposted"].format(rp["name"]))
            a = ctx.x_author(lang)
            while a["name"] == rp["name"]:
                a = ctx.x_author(lang, prefer=0.2)
            notes.append(f"'{header[1]}' social-context header is not the author")
        elif variant == "pinned":
            header = ("pin", ui["pinned"])
            notes.append("'Pinned' header is chrome")
        p = make_x_post(ctx, lang, ui_lang=ui_lang, author=a, counts=counts(), text=text, truncate_at=trunc,
                        translate=(ui_lang != lang and rng.random() < 0.7), quoted=quoted)
        if not quoted and variant != "long" and rng.random() < 0.3:
            p["_media"] = media_html(rng)
            notes.append("the post has a photo attachment (no text in it)")
        posts = [p]
        items = [x_timeline_item(p, ui, header=header, mobile=mobile)]
        if p["_truncated"]:
            notes.append(f"long post truncated with '…' and a '{ui['show_more']}' link")
        if quoted:
            notes.append("quote post: quoted post in the bordered box")
        # sometimes a neighbour post in the same screenshot
        if variant == "plain" and (fullpage or rng.random() < 0.35):
            a2 = ctx.x_author(lang)
            if a2["handle"] == p["_a"]["handle"]:
                a2 = ctx.x_author(lang, prefer=0.0)
            p2 = make_x_post(ctx, lang, ui_lang=ui_lang, author=a2, counts=counts(), text=ctx.text(lang, max_len=240))
            posts.append(p2)
            items.append(x_timeline_item(p2, ui, mobile=mobile))
            notes.append("two consecutive timeline posts")
    for p in posts:
        if p["_translate"]:
            notes.append("'Translate post' link is chrome")
            break
    top = ""
    if mobile:
        if rng.random() < 0.6:
            top += ios_status(t24(rand_dt(rng)), t["text"])
            notes.append("iOS status bar is chrome")
        if rng.random() < 0.5 and variant not in ("reply", "thread"):
            top += (f'<div class="mhead"><div class="mav">{avatar_html({"name": "me"}, 32)}</div>{svg(XI["logo"])}</div>'
                    f'<div class="tabs"><div class="on"><span>{esc(ui["foryou"])}</span></div><div>{esc(ui["following"])}</div></div>')
            notes.append("app header with X logo and For you/Following tabs is chrome")
    width = rng.choice([390, 375, 412]) if mobile else rng.choice([600, 598, 566])
    cls = "" if mobile or rng.random() < 0.5 else "colborder"
    css = x_css(t, mobile)
    tags = ["timeline", variant] + (["mobile"] if mobile else [])
    if fullpage:
        ui_side = X_SIDE[ui_lang]
        column = (f'<div class="hometabs"><div class="topbar" style="height:53px">{esc(ui_side["home"])}</div>'
                  f'<div class="tabs"><div class="on"><span>{esc(ui["foryou"])}</span></div><div>{esc(ui["following"])}</div></div></div>'
                  + "".join(items))
        body = x_fullpage(ctx, t, ui_lang, column, {p["_a"]["handle"] for p in posts})
        width = rng.choice([1265, 1280, 1366])
        notes.append("full desktop page: left navigation, Home tabs and the right sidebar (search, trends, "
                     "who-to-follow accounts with names/handles) are not posts")
        return dict(html=page(css + x_fullpage_css(t), body, width, t["bg"], FONTS[rng.choice(["roboto", "noto"])]),
                    width=width, posts=posts, platform="x", theme=theme, lang=lang, notes="; ".join(notes),
                    tags=["fullpage", variant])
    return dict(html=page(css, f'<div class="{cls}">{top}{"".join(items)}</div>', width, t["bg"],
                          FONTS[rng.choice(["roboto", "roboto", "noto", "liberation"])]),
                width=width, posts=posts, platform="x", theme=theme, lang=lang, notes="; ".join(notes), tags=tags)


# ==========================================================================
# Telegram
# ==========================================================================
TG_UI = {
    "en": dict(fwd="Forwarded from", edited="edited", comments=("comment", "comments"), subs="subscribers",
               date="November {d}", leave="Leave a comment"),
    "ru": dict(fwd="Переслано от", edited="изменено", comments=("комментарий", "комментария", "комментариев"),
               subs="подписчиков", date="{d} ноября", leave="Прокомментировать"),
    "uk": dict(fwd="Переслано від", edited="змінено", comments=("коментар", "коментарі", "коментарів"),
               subs="підписників", date="{d} листопада", leave="Прокоментувати"),
}
TG_NAME_COLORS = ["#3a8ed2", "#c03d33", "#4fad2d", "#d09306", "#8544d6", "#cd4073", "#2996ad", "#ce671b"]
TG_NAME_COLORS_DARK = ["#71baf8", "#ff8e86", "#92e36f", "#fac534", "#b794ff", "#ff7fb8", "#5fd1e2", "#ffa85c"]


def tg_wallpaper(rng, theme):
    shapes = []
    for _ in range(40):
        x, y, s = rng.randint(0, 400), rng.randint(0, 400), rng.randint(8, 22)
        k = rng.random()
        if k < 0.3:
            shapes.append(f'<circle cx="{x}" cy="{y}" r="{s / 2}" fill="none" stroke-width="2"/>')
        elif k < 0.6:
            shapes.append(f'<rect x="{x}" y="{y}" width="{s}" height="{s * .7}" rx="3" fill="none" stroke-width="2" transform="rotate({rng.randint(0, 90)} {x} {y})"/>')
        else:
            shapes.append(f'<path d="M{x} {y}l{s / 2} {-s}l{s / 2} {s}z" fill="none" stroke-width="2"/>')
    stroke = "#000" if theme == "light" else "#fff"
    op = 0.09 if theme == "light" else 0.05
    svgs = (f'<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400"><g stroke="{stroke}" opacity="{op}">'
            + "".join(shapes) + "</g></svg>")
    import urllib.parse
    uri = "data:image/svg+xml," + urllib.parse.quote(svgs)
    if theme == "light":
        grad = rng.choice(["linear-gradient(160deg,#dbddbb 0%,#6ba587 40%,#d5d88d 70%,#88b884 100%)",
                           "linear-gradient(150deg,#b8d1a6 0%,#d6e2b3 50%,#a3c49b 100%)",
                           "linear-gradient(170deg,#c5d7ec 0%,#9fb9d9 50%,#d4c8ea 100%)"])
    else:
        grad = rng.choice(["#0e1621", "linear-gradient(160deg,#1c2733,#0f1821)", "#17212b"])
    return f"background:url('{uri}'),{grad};"


def tg_css(theme, device):
    fs = 14 if device == "desktop" else 16
    if theme == "light":
        c = dict(bubble="#ffffff", text="#000000", meta="#a0acb6", link="#168acd", pill="#ffffffcc", pillfg="#fff",
                 pillbg="rgba(0,0,0,.2)", rx="rgba(51,144,236,.12)", rxfg="#3390ec", head="#ffffff", headfg="#000",
                 headgrey="#8b99a4", sep="#e7ebee")
    else:
        c = dict(bubble="#182533", text="#f5f5f5", meta="#6d7f8f", link="#6ab3f3", pill="#fff", pillfg="#fff",
                 pillbg="rgba(0,0,0,.35)", rx="rgba(106,179,243,.14)", rxfg="#6ab3f3", head="#17212b", headfg="#f5f5f5",
                 headgrey="#708499", sep="#0f1a24")
    return c, f"""
.tgwrap{{padding:8px 0 10px;}}
.lnk{{color:{c['link']};}}
.thead{{display:flex;align-items:center;height:{54 if device != 'desktop' else 56}px;padding:0 14px;background:{c['head']};color:{c['headfg']};gap:12px;border-bottom:1px solid {c['sep']};}}
.thead .t1{{font-weight:600;font-size:{fs + 1}px;line-height:1.2;}}
.thead .t2{{font-size:{fs - 1}px;color:{c['headgrey']};line-height:1.3;}}
.thead .sp{{flex:1;}}
.thead svg{{width:22px;height:22px;color:{c['headgrey']};}}
.datepill{{text-align:center;margin:8px 0;}}
.datepill span{{background:{c['pillbg']};color:{c['pillfg']};font-size:{fs - 1}px;font-weight:500;padding:3px 10px;border-radius:14px;line-height:1.5;}}
.msg{{display:flex;padding:3px 12px;align-items:flex-end;}}
.bub{{background:{c['bubble']};color:{c['text']};border-radius:{12 if device == 'desktop' else 16}px;padding:6px 10px 7px 12px;
     max-width:var(--bw);position:relative;box-shadow:0 1px 2px rgba(16,35,47,.15);font-size:{fs}px;line-height:1.36;}}
.bub.tailless{{border-bottom-left-radius:{12 if device == 'desktop' else 16}px;}}
.bub.last{{border-bottom-left-radius:4px;}}
.ch{{font-weight:600;margin-bottom:2px;}}
.fwd{{margin-bottom:3px;line-height:1.3;}}
.tx{{white-space:pre-wrap;overflow-wrap:break-word;}}
.spacer{{display:inline-block;width:var(--mw);height:1px;}}
.meta{{position:absolute;right:9px;bottom:5px;font-size:{fs - 2.5}px;color:{c['meta']};display:flex;align-items:center;gap:3px;white-space:nowrap;line-height:1;}}
.meta svg{{width:{fs}px;height:{fs}px;}}
.rxrow{{display:flex;flex-wrap:wrap;gap:6px;margin:6px 0 2px;}}
.rx{{background:{c['rx']};color:{c['rxfg']};border-radius:14px;padding:0 9px 0 7px;line-height:28px;height:28px;font-size:{fs - 1}px;font-weight:600;display:flex;align-items:center;gap:4px;}}
.cmts{{border-top:1px solid {c['sep'] if theme == 'light' else '#0f1a24'};margin:8px -10px -7px -12px;padding:8px 12px;color:{c['link']};font-size:{fs}px;font-weight:500;display:flex;align-items:center;gap:8px;}}
.cmts .sp{{flex:1;}}
.cmts svg{{width:18px;height:18px;}}
.chav{{margin-right:8px;}}
.tgph{{margin:0 -10px 6px -12px;overflow:hidden;}}
.bub > .tgph:first-child{{margin-top:-6px;border-radius:{12 if device == 'desktop' else 16}px {12 if device == 'desktop' else 16}px 0 0;}}
"""


TG_CHATS = {
    "en": [("Mom", "Call me when you land ❤️"), ("Work chat", "Alex: the deploy is done, checking logs now"),
           ("Durov's Channel", "Photo"), ("Crypto Signals", "BTC broke the 90K support…"),
           ("Saved Messages", "passport scan.pdf"), ("Book club 📚", "Anna: next meeting on Thursday?")],
    "ru": [("Мама", "Позвони, как приземлишься ❤️"), ("Рабочий чат", "Саша: выкатили, смотрю логи"),
           ("Durov's Channel", "Фотография"), ("Топор Live", "Главное к этому часу:"),
           ("Избранное", "скан паспорта.pdf"), ("Дача 🌿", "Лена: кто в субботу едет?")],
    "uk": [("Мама", "Подзвони, як приземлишся ❤️"), ("Робочий чат", "Олег: задеплоїли, дивлюсь логи"),
           ("Durov's Channel", "Фото"), ("Труха⚡️Україна", "Головне на цю годину:"),
           ("Збережене", "скан паспорта.pdf"), ("ОСББ Сонячна 12", "Ірина: завтра відключення води")],
}


def tg_chatlist(rng, lang, theme, selected, sel_preview, sel_time, chats=None):
    light = theme == "light"
    rows = []
    chats = list((chats or TG_CHATS)[lang])
    rng.shuffle(chats)
    pos = rng.randint(0, 3)
    for i, (name, prev) in enumerate(chats[:pos] + [(selected, sel_preview)] + chats[pos:]):
        sel = name == selected
        d = rand_dt(rng)
        tm = sel_time if sel else rng.choice([t24(d), rng.choice(["Mon", "Tue", "Fri"]) if lang == "en" else
                                              rng.choice(["пн", "вт", "пт"]) if lang == "ru" else rng.choice(["пн", "вт", "пт"])])
        unread = "" if sel or rng.random() < 0.5 else f'<span class="ub">{rng.randint(1, 240)}</span>'
        rows.append(f'<div class="cl{" sel" if sel else ""}">{avatar_html({"name": "tgc" + name}, 54)}<div class="cc">'
                    f'<div class="r1"><span class="cn">{esc(name)}</span><span class="ct">{esc(tm)}</span></div>'
                    f'<div class="r2"><span class="cp">{esc(prev)}</span>{unread}</div></div></div>')
    search = {"en": "Search", "ru": "Поиск", "uk": "Пошук"}[lang]
    return (f'<div class="clist"><div class="cls"><span class="burger">{sicon(SI["bars"], "ic", 2)}</span>'
            f'<div class="sb">{esc(search)}</div></div>{"".join(rows)}</div>')


def tg_chatlist_css(theme):
    light = theme == "light"
    bg, fg, grey, sel, sb = (("#ffffff", "#000", "#707579", "#419fd9", "#f1f1f1") if light else
                             ("#17212b", "#f5f5f5", "#6d7f8f", "#2b5278", "#242f3d"))
    return f"""
.tgfull{{display:flex;align-items:stretch;}}
.clist{{width:320px;min-width:320px;background:{bg};color:{fg};border-right:1px solid {'#dadada' if light else '#0e1621'};}}
.cls{{display:flex;align-items:center;gap:12px;padding:8px 12px;}}
.cls svg{{width:22px;height:22px;color:{grey};}}
.sb{{flex:1;background:{sb};border-radius:18px;line-height:34px;padding:0 14px;color:{grey};font-size:14px;}}
.cl{{display:flex;align-items:center;gap:10px;padding:8px 10px;height:72px;}}
.cl.sel{{background:{sel};color:#fff;}}
.cc{{flex:1;min-width:0;}}
.r1,.r2{{display:flex;align-items:center;gap:6px;}}
.cn{{font-weight:600;font-size:14.5px;flex:1;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;}}
.ct{{font-size:12.5px;color:{grey};}}
.cl.sel .ct,.cl.sel .cp{{color:#fff;}}
.cp{{flex:1;color:{grey};font-size:14px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;line-height:22px;}}
.ub{{background:{'#c4c9cc' if light else '#3e546a'};color:#fff;border-radius:11px;font-size:12px;font-weight:600;padding:0 7px;line-height:22px;}}
.tgright{{flex:1;min-width:0;display:flex;flex-direction:column;}}
.tgright .tgwrap{{flex:1;}}
"""


def build_telegram(ctx, theme, lang, device="desktop", n=None):
    rng = ctx.rng
    ui_lang = lang if rng.random() < 0.85 else "en"
    ui = TG_UI[ui_lang]
    full = device == "full"
    device = "desktop" if full else device
    c, css = tg_css(theme, device)
    ch = ctx.channels[lang].next()
    colors = TG_NAME_COLORS if theme == "light" else TG_NAME_COLORS_DARK
    name_color = colors[random.Random("tg:" + ch).randrange(len(colors))]
    k = n or rng.choice([1, 1, 2, 2, 3])
    width = {"desktop": rng.choice([560, 640, 720]), "mobile": rng.choice([390, 412]), "web": 700}[device]
    bw = min(width - 60, 480 if device == "desktop" else 520)
    posts, bubbles, notes = [], [], [f"Telegram channel ({device}, {theme}, UI {ui_lang}), {k} message bubble(s) on a chat wallpaper"]
    d0 = rand_dt(rng)
    use_12h = ui_lang == "en" and device == "mobile" and rng.random() < 0.5
    header = ""
    if full:
        width = rng.choice([1000, 1100, 1180])
    if full or rng.random() < 0.55:
        subs = fmt_count(rand_count(rng, 3.5, 6.3), "full", ui_lang)
        header = (f'<div class="thead">{avatar_html({"name": ch, "org": True, "color": name_color, "logo": ch[0]}, 40)}'
                  f'<div><div class="t1">{esc(ch)}</div><div class="t2">{esc(subs)} {esc(ui["subs"])}</div></div>'
                  f'<div class="sp"></div>{sicon(SI["search"])}{sicon(SI["dots"])}</div>')
        notes.append("chat header with channel name and subscriber count is chrome")
    date_pill = f'<div class="datepill"><span>{esc(ui["date"].format(d=d0.day))}</span></div>' if rng.random() < 0.5 else ""
    if date_pill:
        notes.append("date pill between messages is chrome")
    for i in range(k):
        d = d0 + dt.timedelta(minutes=rng.randint(3, 50) * i)
        ts = (t12(d) if use_12h else t24(d))
        text = ctx.text(lang, max_len=None if ctx.fresh else 520)
        views = fmt_count(rand_count(rng, 2.5, 6), "abbr", "en")
        edited = rng.random() < 0.25
        fwd = rng.random() < 0.2
        fwd_name = rng.choice(ctx.fwd_sources) if fwd else None
        counts = {"views": views}
        cm = None
        if rng.random() < 0.3:
            cm = rand_count(rng, 0.5, 3.3)
            counts["replies"] = str(cm)
        mv, mt = metrics_block(counts)
        author = {"name": fwd_name if fwd else ch, "handle": None, "verified": None}
        p = {"author": author, "timestamp": {"text": ts}, "text": text, "reply_to": [], "metrics": mv,
             "metrics_text": mt, "quoted": None}
        posts.append(p)
        eye = sicon(SI["eye"], "ic", 2)
        meta_inner = (f'{eye}<span>{esc(views)}</span>&nbsp;' + (f'<span>{esc(ui["edited"])}</span>' if edited else "")
                      + f'<span>{esc(ts)}</span>')
        mw = 8 + 7.2 * (len(views) + len(ts) + (len(ui["edited"]) + 1 if edited else 0)) + 20
        top = ""
        if fwd:
            top = (f'<div class="fwd" style="color:{name_color}">{esc(ui["fwd"])} <b>{esc(fwd_name)}</b></div>')
        elif i == 0 or rng.random() < 0.5:
            top = f'<div class="ch" style="color:{name_color}">{esc(ch)}</div>'
        else:
            notes.append(f"message {i + 1} shows no channel name (grouped under the previous one); author is still the channel")
        rx = ""
        if rng.random() < 0.45:
            emos = rng.sample(["👍", "🔥", "❤️", "😁", "🤔", "😢", "👏", "🤯"], rng.choice([1, 2, 3, 4]))
            rx = '<div class="rxrow">' + "".join(
                f'<div class="rx"><span>{e}</span><span>{esc(fmt_count(rand_count(rng, 0.5, 4.2), "abbr", "en"))}</span></div>'
                for e in emos) + "</div>"
        cmts = ""
        if cm is not None:
            word = plural(ui_lang, cm, ui["comments"])
            cmts = (f'<div class="cmts">{sicon(SI["comment"])}<span>{cm} {esc(word)}</span><span class="sp"></span>'
                    f'{sicon(SI["chev"])}</div>')
        photo = ""
        if rng.random() < 0.25:
            photo = media_html(rng, "tgph", rng.choice([0.5625, 0.75]))
            notes.append(f"message {i + 1} has a photo above its caption")
        spacer = f'<span class="spacer" style="--mw:{mw:.0f}px"></span>'
        tx = rich(text) + spacer if not rx else rich(text)
        meta_style = "" if not (rx or cmts) else ""
        if rx:
            rx = rx[:-6] + spacer + "</div>"
        meta = f'<div class="meta" style="{meta_style}">{meta_inner}</div>'
        if cmts:
            meta2 = f'<div class="meta" style="bottom:0;right:-1px">{meta_inner}</div>'
            body = f'{top}<div class="tx">{tx}</div>{rx}<div style="position:relative;height:18px">{meta2}</div>{cmts}'
        else:
            body = f'{top}<div class="tx">{tx}</div>{rx}{meta}'
        last = "last" if device != "desktop" else "tailless"
        wstyle = f"width:{bw}px;" if photo else ""
        if photo and top:
            body = top + photo + body[len(top):]
        elif photo:
            body = photo + body
        bubbles.append(f'<div class="msg"><div class="bub {last}" style="--bw:{bw}px;{wstyle}">{body}</div></div>')
        if edited:
            notes.append(f"message {i + 1} shows '{ui['edited']}' before the time (not part of timestamp)")
        if fwd:
            notes.append(f"message {i + 1} is forwarded: author is the source named in '{ui['fwd']} …'")
        if rx:
            notes.append(f"message {i + 1} has a reactions row (not mapped to metrics)")
    font = FONTS["noto"] if device == "desktop" else FONTS["roboto"]
    wall = tg_wallpaper(rng, theme)
    body = f'{header}<div class="tgwrap" style="{wall}">{date_pill}{"".join(bubbles)}</div>'
    notes.append("views (eye icon) -> metrics.views; comments bar -> replies")
    if full:
        preview = posts[-1]["text"].split("\n")[0]
        body = (f'<div class="tgfull">{tg_chatlist(rng, ui_lang, theme, ch, preview, posts[-1]["timestamp"]["text"], ctx.tg_chats)}'
                f'<div class="tgright">{body}</div></div>')
        css += tg_chatlist_css(theme)
        notes.append("full Telegram Desktop window: the chat list on the left (chat names, message previews cut "
                     "with an ellipsis, times, unread counters) is not part of any post")
        device = "full"
    return dict(html=page(css, body, width, "#000", font), width=width, posts=posts, platform="telegram",
                theme=theme, lang=lang, notes="; ".join(notes), tags=[device, f"{k}msg"])


TG_GROUP_UI = {
    "en": dict(members="members", online="online", input="Write a message…", input_m="Message", joined="{n} joined the group",
               reply_you="You"),
    "ru": dict(members="участников", online="в сети", input="Написать сообщение…", input_m="Сообщение",
               joined="{n} присоединился к группе", reply_you="Вы"),
    "uk": dict(members="учасників", online="у мережі", input="Напишіть повідомлення…", input_m="Повідомлення",
               joined="{n} приєднався до групи", reply_you="Ви"),
}


def tg_group_css(theme, device):
    light = theme == "light"
    out_bg = "#effdde" if light else "#2b5278"
    out_meta = "#5dc452" if light else "#7da8d3"
    bar_bg = "#ffffff" if light else "#17212b"
    bar_fg = "#8b99a4" if light else "#6d7f8f"
    return f"""
.msg.out{{justify-content:flex-end;}}
.msg.out .bub{{background:{out_bg};}}
.msg.out .meta{{color:{out_meta};}}
.msg .gav{{width:34px;min-width:34px;margin-right:8px;}}
.rq{{border-left:3px solid var(--rc);padding:1px 8px 2px;margin:2px 0 5px;border-radius:4px;background:color-mix(in srgb,var(--rc) 10%,transparent);
     line-height:1.3;max-width:100%;overflow:hidden;}}
.rq .rqn{{font-weight:600;color:var(--rc);font-size:0.93em;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;}}
.rq .rqt{{white-space:nowrap;overflow:hidden;text-overflow:ellipsis;font-size:0.93em;}}
.svc{{text-align:center;margin:8px 0;}}
.svc span{{background:rgba(0,0,0,{.2 if light else .35});color:#fff;font-size:{13 if device == 'desktop' else 14}px;padding:3px 10px;border-radius:14px;line-height:1.5;}}
.ibar{{display:flex;align-items:center;gap:12px;background:{bar_bg};color:{bar_fg};padding:0 14px;height:{48 if device == 'desktop' else 52}px;
      font-size:{14 if device == 'desktop' else 16}px;border-top:1px solid {'#e7ebee' if light else '#0f1a24'};}}
.ibar .ip{{flex:1;}}
.ibar svg{{width:24px;height:24px;}}
"""


def build_telegram_group(ctx, theme, lang, device="desktop", n=None):
    """A group chat: several senders (name on the first bubble of a run, avatar beside its last),
    replies quoting an earlier message, an outgoing bubble on the right, service pills, and the
    input bar under the chat."""
    rng = ctx.rng
    ui_lang = lang if rng.random() < 0.85 else "en"
    ui, gui = TG_UI[ui_lang], TG_GROUP_UI[ui_lang]
    full = device == "full"
    device = "desktop" if full else device
    c, css = tg_css(theme, device)
    css += tg_group_css(theme, device)
    title, senders = ctx.groups[lang].next()
    colors = TG_NAME_COLORS if theme == "light" else TG_NAME_COLORS_DARK
    k = n or rng.choice([3, 4, 4, 5, 6])
    width = {"desktop": rng.choice([560, 640, 720]), "mobile": rng.choice([390, 412]), "web": 700}[device]
    if full:
        width = rng.choice([1000, 1100, 1180])
    bw = min(width - 110, 460 if device == "desktop" else 520)
    notes = [f"Telegram group chat ({'full' if full else device}, {theme}, UI {ui_lang}), {k} message bubble(s)"]
    d0 = rand_dt(rng)
    use_12h = ui_lang == "en" and rng.random() < 0.6
    members = rng.randint(3, 480)
    header = ""
    if full or rng.random() < 0.7:
        header = (f'<div class="thead">{avatar_html({"name": "grp" + title}, 40)}'
                  f'<div><div class="t1">{esc(title)}</div><div class="t2">{members} {esc(gui["members"])}, '
                  f'{rng.randint(1, max(1, members // 3))} {esc(gui["online"])}</div></div>'
                  f'<div class="sp"></div>{sicon(SI["search"])}{sicon(SI["dots"])}</div>')
        notes.append("chat header with the group title and 'N members, M online' is chrome")
    # the sequence of senders: runs of one sender; None = me (outgoing)
    seq, prev = [], None
    for i in range(k):
        if prev is not None and rng.random() < 0.35:
            s = prev
        elif rng.random() < 0.15:
            s = None
        else:
            s = rng.choice([x for x in senders if x != prev] or senders)
        seq.append(s)
        prev = s
    posts, items = [], []
    if rng.random() < 0.5:
        items.append(f'<div class="datepill"><span>{esc(ui["date"].format(d=d0.day))}</span></div>')
        notes.append("date pill is chrome")
    t = d0
    for i, s in enumerate(seq):
        t = t + dt.timedelta(minutes=rng.randint(0, 9))
        ts = t12(t) if use_12h else t24(t)
        if i > 0 and rng.random() < 0.12:
            who = rng.choice(senders)
            items.append(f'<div class="svc"><span>{esc(gui["joined"].format(n=who))}</span></div>')
            notes.append("service message (joined) is chrome")
        text = ctx.chat_msgs[lang].next(lambda m: all(m != q["text"] for q in posts))
        first = i == 0 or seq[i - 1] != s
        last_of_run = i + 1 == len(seq) or seq[i + 1] != s
        out = s is None
        col = colors[random.Random("tgs:" + (s or "")).randrange(len(colors))]
        top = ""
        fwd = not out and rng.random() < 0.1
        name = s
        if fwd:
            src = rng.choice(ctx.fwd_sources)
            top = f'<div class="fwd" style="color:{col}">{esc(ui["fwd"])} <b>{esc(src)}</b></div>'
            name = src
            notes.append(f"message {i + 1} is forwarded: author is the source")
            if first:
                top = f'<div class="ch" style="color:{col}">{esc(s)}</div>' + top
        elif first and not out:
            top = f'<div class="ch" style="color:{col}">{esc(s)}</div>'
        rq = ""
        if i > 0 and not fwd and rng.random() < 0.3:
            j = rng.randrange(0, i)
            rn = seq[j] if seq[j] is not None else gui["reply_you"]
            rc = colors[random.Random("tgs:" + (seq[j] or "")).randrange(len(colors))]
            rq = (f'<div class="rq" style="--rc:{rc}"><div class="rqn">{esc(rn)}</div>'
                  f'<div class="rqt">{esc(posts[j]["text"].split(chr(10))[0])}</div></div>')
            notes.append(f"message {i + 1} replies to message {j + 1}: the quoted reply block (name + first line) is not its text")
        edited = rng.random() < 0.15
        meta_inner = (f'<span>{esc(ui["edited"])}</span>' if edited else "") + f'<span>{esc(ts)}</span>'
        if out:
            meta_inner += '<span style="font-size:1.1em">✓✓</span>'
        mw = 8 + 7.2 * (len(ts) + (len(ui["edited"]) + 1 if edited else 0) + (3 if out else 0)) + 10
        spacer = f'<span class="spacer" style="--mw:{mw:.0f}px"></span>'
        body = f'{top}{rq}<div class="tx">{rich(text)}{spacer}</div><div class="meta">{meta_inner}</div>'
        av = ""
        if not out:
            av = (avatar_html({"name": "tgs" + s}, 34, cls="gav") if last_of_run
                  else '<div class="gav"></div>')
        tail = "last" if last_of_run else "tailless"
        items.append(f'<div class="msg{" out" if out else ""}">{av}<div class="bub {tail}" style="--bw:{bw}px">{body}</div></div>')
        mv, mt = metrics_block({})
        posts.append({"author": {"name": name if not out else None, "handle": None, "verified": None},
                      "timestamp": {"text": ts}, "text": text, "reply_to": [], "metrics": mv, "metrics_text": mt,
                      "quoted": None})
        if out:
            notes.append(f"message {i + 1} is outgoing (right, own colour, no name): author null")
        elif not first and not fwd:
            notes.append(f"message {i + 1} continues the run of {s} above (no name shown): author is still {s}")
        if edited:
            notes.append(f"message {i + 1} shows '{ui['edited']}' before the time")
    bar = ""
    if full or rng.random() < 0.75:
        ph = gui["input"] if device != "mobile" else gui["input_m"]
        bar = (f'<div class="ibar">{sicon(SI["comment"])}<span class="ip">{esc(ph)}</span>'
               f'{sicon(SI["search"])}{sicon(SI["send"])}</div>')
        notes.append(f"input bar '{ph}' is chrome")
    font = FONTS["noto"] if device == "desktop" else FONTS["roboto"]
    wall = tg_wallpaper(rng, theme)
    body = f'{header}<div class="tgwrap" style="{wall}">{"".join(items)}</div>{bar}'
    if full:
        body = (f'<div class="tgfull">{tg_chatlist(rng, ui_lang, theme, title, posts[-1]["text"].split(chr(10))[0], posts[-1]["timestamp"]["text"], ctx.tg_chats)}'
                f'<div class="tgright">{body}</div></div>')
        css += tg_chatlist_css(theme)
        notes.append("full window: the chat list on the left is not part of any post")
        device = "full"
    return dict(html=page(css, body, width, "#000", font), width=width, posts=posts, platform="telegram",
                theme=theme, lang=lang, notes="; ".join(notes), tags=[device, "group", f"{k}msg"])


def plan_fresh(seed):
    """A Telegram development set on the fresh pools: channels and group chats on every device."""
    rng = random.Random(seed * 7919 + 3)
    jobs = []
    devs = ["desktop", "mobile", "web", "desktop", "mobile", "full"]
    for i in range(14):
        jobs.append(("telegram", build_telegram, ["light", "dark"][(i + i // 3) % 2], devs[i % 6]))
    for i in range(14):
        jobs.append(("telegram", build_telegram_group, ["light", "dark"][(i + i // 4) % 2], devs[(i + 2) % 6]))
    out = []
    for sub, fn, theme, dev in jobs:
        lang = choose_lang(rng)
        k = {"device": dev}
        if dev == "full":
            k["n"] = rng.choice([2, 3]) if fn is build_telegram else rng.choice([3, 4, 5])
        out.append((sub, fn, (theme, lang), k))
    return out


def build_tg_light_small(seed):
    """Telegram light desktop and full-window chats (channels and groups, fresh pools) at small
    effective scales (0.75-1) on the light gradient wallpapers: the case where white bubbles sit
    on a mid-green or blue wallpaper with little room round their text."""
    ctx = Ctx(seed * 1000 + 17, holdout=False, fresh=True)
    rng = random.Random(seed * 7919 + 11)
    items, used = [], {}
    for i in range(16):
        fn = build_telegram if i % 2 == 0 else build_telegram_group
        dev = ["desktop", "full"][(i // 2) % 2]
        k = {"device": dev}
        if dev == "full":
            k["n"] = rng.choice([2, 3]) if fn is build_telegram else rng.choice([3, 4])
        b = fn(ctx, "light", choose_lang(rng), **k)
        scale, down = rng.choice([(1, None), (1, 0.8), (1, 0.75), (1.5, 0.6), (1.5, 0.5), (2, 0.5), (2, 0.4)])
        fmt = "jpeg" if rng.random() < 0.5 else "png"
        q = rng.choice([55, 65, 75, 85]) if fmt == "jpeg" else None
        name = sample_name(b, scale, fmt, q, down)
        used[name] = used.get(name, 0) + 1
        if used[name] > 1:
            name += f"_{used[name]}"
        items.append(("telegram", name, b, scale, fmt, q, down))
    return items


# ==========================================================================
# Facebook
# ==========================================================================
FB_UI = {
    "en": dict(see="See more", like="Like", comment="Comment", share="Share", comments=("comment", "comments"),
               shares=("share", "shares")),
    "ru": dict(see="Ещё", like="Нравится", comment="Комментировать", share="Поделиться",
               comments="Комментарии: {}", shares="Поделились: {}"),
    "uk": dict(see="Більше", like="Подобається", comment="Коментувати", share="Поширити",
               comments=("коментар", "коментарі", "коментарів"), shares=("поширення", "поширення", "поширень")),
}


def fb_time(rng, lang):
    if rng.random() < 0.4:
        return rel_time(rng, lang, kind=rng.choice(["h", "m"]), style="fb")
    d = rand_dt(rng)
    if lang == "en":
        return f"{d.day} {MON_EN_FULL[d.month - 1]} at {t24(d)}" if rng.random() < 0.5 else f"{MON_EN_FULL[d.month - 1]} {d.day} at {t12(d)}"
    if lang == "ru":
        return f"{d.day} {MON_RU_FULL[d.month - 1]} в {t24(d)}"
    return f"{d.day} {MON_UK_FULL[d.month - 1]} о {t24(d)}"


def fb_reaction_icons():
    like = ('<svg width="18" height="18" viewBox="0 0 16 16"><defs><linearGradient id="lg" x1="50%" x2="50%" y1="0%" y2="100%">'
            '<stop offset="0%" stop-color="#18AFFF"/><stop offset="100%" stop-color="#0062DF"/></linearGradient></defs>'
            '<circle cx="8" cy="8" r="8" fill="url(#lg)"/><path fill="#fff" d="M12.16 7.9c.2.2.3.45.3.75 0 .43-.24.8-.6.97.06.13.1.28.1.43 0 .45-.27.83-.66.98.03.1.05.2.05.3 0 .56-.46 1.02-1.02 1.02H6.9c-.4 0-.8-.1-1.16-.27V7.2l1.9-2.7c.14-.2.22-.45.22-.7v-.6c0-.3.26-.55.57-.52.78.07 1.3.8 1.14 1.56l-.36 1.76h2.4c.55 0 1.02.45 1.02 1 0 .3-.14.58-.36.77.1.04.18.08.24.13zM4.3 7.3v4.6c0 .3-.24.53-.53.53h-.7a.53.53 0 0 1-.53-.53V7.3c0-.3.24-.53.53-.53h.7c.3 0 .53.24.53.53z"/></svg>')
    love = ('<svg width="18" height="18" viewBox="0 0 16 16"><defs><linearGradient id="lv" x1="50%" x2="50%" y1="0%" y2="100%">'
            '<stop offset="0%" stop-color="#FF6680"/><stop offset="100%" stop-color="#E61739"/></linearGradient></defs>'
            '<circle cx="8" cy="8" r="8" fill="url(#lv)"/><path fill="#fff" d="M10.47 4.6c-1 0-1.8.63-2.47 1.6-.67-.97-1.47-1.6-2.47-1.6C4.2 4.6 3.3 5.8 3.3 7.1c0 2.33 2.6 4.3 4.7 5.4 2.1-1.1 4.7-3.07 4.7-5.4 0-1.3-.9-2.5-2.23-2.5z"/></svg>')
    haha = ('<svg width="18" height="18" viewBox="0 0 16 16"><circle cx="8" cy="8" r="8" fill="#FECD46"/>'
            '<path fill="#583A0B" d="M3.5 8.5h9c0 2.5-2 4.2-4.5 4.2S3.5 11 3.5 8.5z"/><path stroke="#583A0B" stroke-width="1.1" fill="none" stroke-linecap="round" d="M4.5 5.6l1.6.8-1.6.8M11.5 5.6l-1.6.8 1.6.8"/></svg>')
    return {"like": like, "love": love, "haha": haha}


def build_facebook(ctx, theme, lang, mobile=False):
    rng = ctx.rng
    ui = FB_UI[lang]
    if theme == "light":
        c = dict(page="#f0f2f5", card="#ffffff", text="#050505", grey="#65676b", sep="#ced0d4", link="#0064d1")
    else:
        c = dict(page="#18191a", card="#242526", text="#e4e6eb", grey="#b0b3b8", sep="#3e4042", link="#4599ff")
    name, verified = ctx.fbnames[lang].next()
    ts = fb_time(rng, lang)
    text = ctx.text(lang)
    limit = rng.choice([220, 260, 300])
    display, trunc = truncate(text, limit) if rng.random() < 0.8 else (text, False)
    raw = engagement(rng, 0.7, 4.8)
    likes = fmt_count(raw["likes"], "abbr", lang)
    counts = {"likes": likes}
    tail = []
    if rng.random() < 0.85 and raw["replies"] > 0:
        n = raw["replies"]
        s = fmt_count(n, "abbr", lang)
        counts["replies"] = s
        val = parse_count(s)
        tail.append(ui["comments"].format(s) if isinstance(ui["comments"], str) else f"{s} {plural(lang, val, ui['comments'])}")
    if rng.random() < 0.7 and raw["reposts"] > 0:
        n = raw["reposts"]
        s = fmt_count(n, "abbr", lang)
        counts["reposts"] = s
        val = parse_count(s)
        tail.append(ui["shares"].format(s) if isinstance(ui["shares"], str) else f"{s} {plural(lang, val, ui['shares'])}")
    mv, mt = metrics_block(counts)
    author = {"name": name, "handle": None, "verified": verified}
    p = {"author": author, "timestamp": {"text": ts}, "text": display, "reply_to": [], "metrics": mv,
         "metrics_text": mt, "quoted": None}
    icons = fb_reaction_icons()
    kinds = rng.sample(["like", "love", "haha"], rng.choice([1, 2, 3]))
    emo = "".join(f'<span class="emo" style="z-index:{5 - i}">{icons[k]}</span>' for i, k in enumerate(kinds))
    badge = ('<svg width="14" height="14" viewBox="0 0 12 13" style="margin-left:4px;vertical-align:-1px"><path fill="#0866ff" '
             'd="M6 .5l1.6 1.2 2-.1.6 1.9 1.6 1.2-.6 1.9.6 1.9-1.6 1.2-.6 1.9-2-.1L6 12.7l-1.6-1.2-2 .1-.6-1.9L.2 8.5l.6-1.9L.2 4.7l1.6-1.2.6-1.9 2 .1z"/>'
             '<path fill="none" stroke="#fff" stroke-width="1.2" d="M3.8 6.5l1.5 1.5 3-3"/></svg>') if verified else ""
    see = f'<span class="see">{esc(ui["see"])}</span>' if trunc else ""
    has_img = rng.random() < 0.3
    width = rng.choice([390, 412]) if mobile else rng.choice([500, 590, 680])
    big = len(display) < 85 and not mobile and not has_img and rng.random() < 0.5
    tx_css = "font-size:24px;line-height:28px;" if big else ""
    css = f"""
#root{{background:{c['page']};padding:{0 if mobile else 16}px;}}
.card{{background:{c['card']};border-radius:{0 if mobile else 8}px;color:{c['text']};box-shadow:{'none' if mobile else '0 1px 2px rgba(0,0,0,.2)'};}}
.lnk{{color:{c['link']};font-weight:600;}}
.hdr{{display:flex;align-items:center;padding:12px 16px 0;gap:8px;}}
.nm{{font-weight:600;font-size:15px;line-height:20px;}}
.sub{{font-size:13px;line-height:16px;color:{c['grey']};display:flex;align-items:center;gap:4px;}}
.sub svg{{width:12px;height:12px;fill:{c['grey']};}}
.hdr .sp{{flex:1;min-width:8px;}}
.hdr .x{{color:{c['grey']};font-size:20px;width:36px;text-align:center;}}
.hdr svg.ic{{width:20px;height:20px;color:{c['grey']};}}
.tx{{padding:4px 16px 12px;font-size:15px;line-height:20px;white-space:pre-wrap;overflow-wrap:break-word;{tx_css}}}
.see{{font-weight:600;color:{c['text']};}}
.rx{{display:flex;align-items:center;margin:0 16px;padding:10px 0;color:{c['grey']};font-size:15px;line-height:20px;border-bottom:1px solid {c['sep']};}}
.emo{{display:inline-flex;border:2px solid {c['card']};border-radius:50%;margin-right:-4px;position:relative;}}
.rx .cnt{{margin-left:10px;}}
.rx .sp{{flex:1;}}
.rx .tl{{margin-left:12px;}}
.btns{{display:flex;margin:0 12px;padding:4px 0;}}
.btns div{{flex:1;display:flex;align-items:center;justify-content:center;gap:8px;height:36px;color:{c['grey']};font-weight:600;font-size:15px;}}
.btns svg{{width:20px;height:20px;}}
"""
    body = (f'<div class="card"><div class="hdr">{avatar_html({"name": name}, 40)}<div><div class="nm">{esc(name)}{badge}</div>'
            f'<div class="sub"><span>{esc(ts)}</span><span>·</span>{svg(XI["globe"], "g")}</div></div><div class="sp"></div>'
            f'{sicon(SI["dots"])}<div class="x">✕</div></div>'
            f'<div class="tx">{rich(para_html(display, rng.random() < 0.4))}{" " if trunc else ""}{see}</div>'
            + (media_html(rng, "fbimg") if has_img else "")
            + f'<div class="rx">{emo}<span class="cnt">{esc(likes)}</span><span class="sp"></span>'
            + "".join(f'<span class="tl">{esc(tl)}</span>' for tl in tail)
            + f'</div><div class="btns"><div>{sicon(SI["thumb"], "ic", 1.8)}{esc(ui["like"])}</div>'
              f'<div>{sicon(SI["comment"], "ic", 1.8)}{esc(ui["comment"])}</div><div>{sicon(SI["fbshare"], "ic", 1.8)}{esc(ui["share"])}</div></div></div>')
    notes = [f"Facebook post ({'mobile' if mobile else 'desktop'}, {theme}); reactions count -> likes, comments -> replies, shares -> reposts"]
    if trunc:
        notes.append(f"text truncated with '…' and '{ui['see']}' link (chrome)")
    notes.append("globe icon after the timestamp, Like/Comment/Share buttons are chrome")
    if has_img:
        notes.append("the post has a photo below the text")
    return dict(html=page(css, body, width, c["page"], FONTS[rng.choice(["liberation", "roboto", "noto"])]),
                width=width, posts=[p], platform="facebook", theme=theme, lang=lang, notes="; ".join(notes),
                tags=["mobile" if mobile else "desktop"])


# ==========================================================================
# Bluesky
# ==========================================================================
def build_bluesky(ctx, theme, lang, mobile=False):
    rng = ctx.rng
    c = {"light": dict(bg="#ffffff", text="#0b0f14", grey="#6f869f", border="#d4dbe2", link="#1083fe"),
         "dim": dict(bg="#161e27", text="#f1f3f5", grey="#8d9eb0", border="#2e3d4e", link="#208bfe"),
         "dark": dict(bg="#000000", text="#f1f3f5", grey="#788ea5", border="#25313d", link="#208bfe")}[theme]
    k = rng.choice([1, 1, 2])
    detail = k == 1 and rng.random() < 0.35
    posts, items = [], []
    for i in range(k):
        name, handle, verified = ctx.bsky.next(lambda a: not mobile or len(a[0]) + len(a[1]) <= 27)
        a = {"name": name}
        text = ctx.text(lang, max_len=300)
        raw = engagement(rng, 0.3, 4.8)
        counts = fmt_counts(rng, raw, ("replies", "reposts", "likes"), "abbr", "en")
        badge = ('<svg width="15" height="15" viewBox="0 0 24 24" style="margin-left:4px;flex:none"><circle cx="12" cy="12" r="11" fill="#1083fe"/>'
                 '<path d="M7 12.5l3.2 3.2L17 9" stroke="#fff" stroke-width="2.6" fill="none" stroke-linecap="round" stroke-linejoin="round"/></svg>') if verified else ""
        if detail:
            d = rand_dt(rng)
            ts = f"{MON_EN_FULL[d.month - 1]} {d.day}, {d.year} at {t12(d)}"
            # the detail view prints full numbers and has no reply count
            counts = fmt_counts(rng, raw, ("reposts", "quotes", "likes"), "full", "en")
        else:
            ts = rel_time(rng, "en", kind=rng.choice(["h", "m"]) if mobile else None)
        mv, mt = metrics_block(counts)
        p = {"author": {"name": name, "handle": "@" + handle, "verified": verified}, "timestamp": {"text": ts},
             "text": text, "reply_to": [], "metrics": mv, "metrics_text": mt, "quoted": None}
        posts.append(p)

        def g(icon, key):
            v = mt.get(key)
            return f'<div class="act">{sicon(SI[icon], "ic", 1.9)}<span>{esc(v) if v else ""}</span></div>'
        if detail:
            stats = "".join(f'<span><b>{esc(mt[key])}</b> {word if parse_count(mt[key]) != 1 else word[:-1]}</span>'
                            for key, word in (("reposts", "reposts"), ("quotes", "quotes"), ("likes", "likes")) if mt[key])
            items.append(
                f'<div class="bp det"><div class="hrow">{avatar_html(a, 42)}<div style="margin-left:10px"><div class="nmr"><span class="nm">{esc(name)}</span>{badge}</div>'
                f'<div class="hd">@{esc(handle)}</div></div></div><div class="tx big">{rich(text)}</div>'
                f'<div class="ts">{esc(ts)}</div>' + (f'<div class="stats">{stats}</div>' if stats else "")
                + f'<div class="acts det">{g("bubble", "x")}{g("loop", "x")}{g("heart", "x")}{g("dots", "x")}</div></div>')
        else:
            items.append(
                f'<div class="bp"><div class="left">{avatar_html(a, 42)}</div><div class="body"><div class="hrow"><span class="nm">{esc(name)}</span>{badge}'
                f'<span class="hd">&nbsp;@{esc(handle)}</span><span class="hd">&nbsp;·&nbsp;{esc(ts)}</span></div>'
                f'<div class="tx">{rich(text)}</div><div class="acts">{g("bubble", "replies")}{g("loop", "reposts")}'
                f'{g("heart", "likes")}<div class="act end">{sicon(SI["dots"], "ic", 1.9)}</div></div></div></div>')
    width = rng.choice([390, 412]) if mobile else 600
    css = f"""
#root{{background:{c['bg']};color:{c['text']};}}
.lnk{{color:{c['link']};}}
.bp{{display:flex;padding:12px 16px 6px;border-top:1px solid {c['border']};}}
.bp.det{{display:block;}}
.left{{margin-right:10px;}}
.body{{flex:1;min-width:0;}}
.hrow{{display:flex;align-items:center;font-size:15px;line-height:20px;white-space:nowrap;}}
.nmr{{display:flex;align-items:center;font-size:16px;line-height:21px;}}
.nm{{font-weight:600;}}
.hd{{color:{c['grey']};font-size:15px;}}
.tx{{font-size:15px;line-height:20px;white-space:pre-wrap;overflow-wrap:break-word;margin-top:2px;}}
.tx.big{{font-size:18px;line-height:25px;margin-top:10px;}}
.ts{{color:{c['grey']};font-size:14px;margin:12px 0 10px;}}
.stats{{display:flex;gap:16px;border-top:1px solid {c['border']};border-bottom:1px solid {c['border']};padding:12px 0;font-size:15px;color:{c['grey']};}}
.stats b{{color:{c['text']};}}
.acts{{display:flex;justify-content:space-between;max-width:360px;margin-top:6px;color:{c['grey']};font-size:13px;}}
.acts.det{{max-width:none;padding:6px 4px;}}
.act{{display:flex;align-items:center;gap:5px;min-width:60px;padding:4px 0;}}
.act.end{{min-width:0;}}
.act svg{{width:18px;height:18px;}}
"""
    notes = [f"Bluesky {'post detail' if detail else 'feed'} ({'mobile' if mobile else 'desktop'}, {theme}); replies/reposts/likes counts beside icons"]
    if detail:
        notes.append("detail view: full timestamp, stats row with reposts/quotes/likes")
    return dict(html=page(css, "".join(items), width, c["bg"], FONTS[rng.choice(["roboto", "noto"])]),
                width=width, posts=posts, platform="bluesky", theme=theme, lang=lang, notes="; ".join(notes),
                tags=["detail" if detail else "feed"] + (["mobile"] if mobile else []))


# ==========================================================================
# Threads
# ==========================================================================
def build_threads(ctx, theme, lang, mobile=False):
    rng = ctx.rng
    c = {"light": dict(bg="#ffffff", text="#000000", grey="#999999", border="#e5e5e5", link="#0095f6", page="#fafafa"),
         "dark": dict(bg="#101010", text="#f3f5f7", grey="#777777", border="#323232", link="#0095f6", page="#0a0a0a")}[theme]
    k = rng.choice([1, 1, 2])
    below = rng.random() < 0.4  # older layout: counts under the icons
    posts, items = [], []
    ui_lang = lang if rng.random() < 0.7 else "en"
    for i in range(k):
        user, verified = ctx.threads.next()
        text = ctx.text(lang, max_len=500)
        if rng.random() < 0.3:
            d = rand_dt(rng)
            ts = f"{d.month:02d}/{d.day:02d}/{d.year % 100:02d}"
        else:
            ts = rel_time(rng, ui_lang, kind=rng.choice(["h", "m"]))
        counts = fmt_counts(rng, engagement(rng, 0.3, 4.8), ("likes", "replies", "reposts"), "abbr", ui_lang)
        if below:
            counts["reposts"] = None
        mv, mt = metrics_block(counts)
        p = {"author": {"name": user, "handle": None, "verified": verified}, "timestamp": {"text": ts},
             "text": text, "reply_to": [], "metrics": mv, "metrics_text": mt, "quoted": None}
        posts.append(p)
        badge = ('<svg width="14" height="14" viewBox="0 0 40 40" style="margin-left:4px;flex:none"><path fill="#0095f6" d="M19.998 3.094 14.638 0l-2.972 5.15H5.432v6.354L0 14.64 3.094 20 0 25.359l5.432 3.137v5.905h5.975L14.638 40l5.36-3.094L25.358 40l3.232-5.6h6.162v-6.01L40 25.359 36.905 20 40 14.641l-5.248-3.03v-6.46h-6.419L25.358 0l-5.36 3.094Zm7.415 11.225 2.254 2.287-11.43 11.5-6.835-6.93 2.244-2.258 4.587 4.581 9.18-9.18Z"/></svg>') if verified else ""

        def g(icon, key):
            v = mt.get(key) if not below else None
            return f'<div class="act">{sicon(SI[icon], "ic", 1.8)}<span>{esc(v) if v else ""}</span></div>'
        under = ""
        if below:
            parts = []
            if mt["replies"]:
                parts.append(f'{mt["replies"]} ' + {"en": "replies" if mv["replies"] != 1 else "reply",
                                                    "ru": plural("ru", mv["replies"], ("ответ", "ответа", "ответов")),
                                                    "uk": plural("uk", mv["replies"], ("відповідь", "відповіді", "відповідей"))}[ui_lang])
            if mt["likes"]:
                parts.append(f'{mt["likes"]} ' + {"en": "likes" if mv["likes"] != 1 else "like",
                                                  "ru": plural("ru", mv["likes"], ("отметка «Нравится»", "отметки «Нравится»", "отметок «Нравится»")),
                                                  "uk": plural("uk", mv["likes"], ("вподобання", "вподобання", "вподобань"))}[ui_lang])
            if parts:
                under = f'<div class="under">{esc(" · ".join(parts))}</div>'
        items.append(
            f'<div class="tp"><div class="left">{avatar_html({"name": user}, 36)}</div><div class="body">'
            f'<div class="hrow"><span class="nm">{esc(user)}</span>{badge}<span class="sp"></span><span class="tm">{esc(ts)}</span>'
            f'<span class="dots">{sicon(SI["dots"], "ic", 1.5)}</span></div><div class="tx">{rich(text)}</div>'
            f'<div class="acts">{g("heart", "likes")}{g("tbubble", "replies")}{g("loop", "reposts")}{g("send", "x")}</div>{under}</div></div>')
    width = rng.choice([390, 412]) if mobile else rng.choice([600, 640])
    css = f"""
#root{{background:{c['bg']};color:{c['text']};}}
.lnk{{color:{c['link']};}}
.tp{{display:flex;padding:12px {16 if mobile else 24}px;border-bottom:1px solid {c['border']};}}
.left{{margin-right:12px;padding-top:2px;}}
.body{{flex:1;min-width:0;}}
.hrow{{display:flex;align-items:center;font-size:15px;line-height:21px;white-space:nowrap;}}
.nm{{font-weight:600;}}
.sp{{flex:1;}}
.tm{{color:{c['grey']};margin-right:10px;}}
.dots svg{{width:20px;height:20px;color:{c['text']};}}
.tx{{font-size:15px;line-height:21px;white-space:pre-wrap;overflow-wrap:break-word;margin-top:2px;}}
.acts{{display:flex;gap:{6 if below else 14}px;margin:8px 0 0 -8px;color:{c['text']};font-size:13px;}}
.act{{display:flex;align-items:center;gap:4px;padding:6px 8px;}}
.act svg{{width:19px;height:19px;}}
.act span:empty{{display:none;}}
.under{{color:{c['grey']};font-size:15px;margin-top:4px;}}
"""
    notes = [f"Threads feed ({'mobile' if mobile else 'desktop'}, {theme}); username shown without @ (handle null)"]
    notes.append("counts under the icons (older layout)" if below else "counts beside the icons (heart=likes, bubble=replies, loop=reposts)")
    return dict(html=page(css, "".join(items), width, c["bg"], FONTS[rng.choice(["roboto", "noto", "liberation"])]),
                width=width, posts=posts, platform="threads", theme=theme, lang=lang, notes="; ".join(notes),
                tags=["below" if below else "inline"] + (["mobile"] if mobile else []))


# ==========================================================================
# Mastodon
# ==========================================================================
def build_mastodon(ctx, theme, lang, mobile=False):
    rng = ctx.rng
    c = {"light": dict(bg="#ffffff", text="#000000", grey="#5b6480", border="#e6ebf0", link="#563acc", page="#eff3f5"),
         "dark": dict(bg="#282c37", text="#ffffff", grey="#9baec8", border="#393f4f", link="#8c8dff", page="#191b22")}[theme]
    detail = rng.random() < 0.4
    k = 1 if detail else rng.choice([1, 2])
    posts, items = [], []
    for i in range(k):
        name, acct = ctx.masto.next()
        text = ctx.text(lang, max_len=500)
        counts = fmt_counts(rng, engagement(rng, 0.2, 3.8), ("replies", "reposts", "likes"), "full", "en")
        if detail:
            d = rand_dt(rng)
            ts = f"{MON_EN[d.month - 1]} {d.day}, {d.year}, {t24(d)}"
        else:
            ts = rel_time(rng, "en", kind=rng.choice(["h", "m", "date"]))
        mv, mt = metrics_block(counts)
        p = {"author": {"name": name, "handle": "@" + acct, "verified": None}, "timestamp": {"text": ts},
             "text": text, "reply_to": [], "metrics": mv, "metrics_text": mt, "quoted": None}
        posts.append(p)

        def g(icon, key):
            v = mt.get(key)
            return f'<div class="act">{sicon(SI[icon], "ic", 2)}<span>{esc(v) if v else ""}</span></div>'
        av = avatar_html({"name": name}, 46, radius="8px")
        if detail:
            parts = []
            if mt["reposts"]:
                parts.append(f'<b>{esc(mt["reposts"])}</b> {"boost" if mv["reposts"] == 1 else "boosts"}')
            if mt["likes"]:
                parts.append(f'<b>{esc(mt["likes"])}</b> {"favorite" if mv["likes"] == 1 else "favorites"}')
            items.append(
                f'<div class="mp det"><div class="hrow">{av}<div class="who"><div class="nm">{esc(name)}</div><div class="hd">@{esc(acct)}</div></div></div>'
                f'<div class="tx big">{rich(text)}</div><div class="meta"><span>{esc(ts)}</span> · {svg(XI["globe"], "g")}'
                + "".join(f" · <span>{x}</span>" for x in parts) + "</div>"
                + f'<div class="acts det">{g("reply_arrow", "replies")}{g("loop", "x")}{g("star", "x")}{g("bmark", "x")}{g("dots", "x")}</div></div>')
        else:
            items.append(
                f'<div class="mp"><div class="hrow">{av}<div class="who"><div class="nm">{esc(name)}</div><div class="hd">@{esc(acct)}</div></div>'
                f'<div class="sp"></div><span class="tm">{svg(XI["globe"], "g")} {esc(ts)}</span></div>'
                f'<div class="tx">{rich(text)}</div><div class="acts">{g("reply_arrow", "replies")}{g("loop", "reposts")}'
                f'{g("star", "likes")}{g("bmark", "x")}{g("dots", "x")}</div></div>')
    width = rng.choice([390, 412]) if mobile else rng.choice([600, 400])
    css = f"""
#root{{background:{c['bg']};color:{c['text']};}}
.lnk{{color:{c['link']};}}
.mp{{padding:16px;border-bottom:1px solid {c['border']};}}
.hrow{{display:flex;align-items:center;}}
.who{{margin-left:10px;font-size:15px;line-height:22px;min-width:0;}}
.nm{{font-weight:700;}}
.hd{{color:{c['grey']};}}
.sp{{flex:1;}}
.tm{{color:{c['grey']};font-size:15px;white-space:nowrap;display:flex;align-items:center;gap:4px;}}
.g{{width:14px;height:14px;fill:{c['grey']};}}
.tx{{font-size:15px;line-height:22px;white-space:pre-wrap;overflow-wrap:break-word;margin-top:12px;}}
.tx.big{{font-size:19px;line-height:26px;}}
.meta{{color:{c['grey']};font-size:14px;margin-top:16px;display:flex;align-items:center;gap:4px;flex-wrap:wrap;}}
.meta b{{color:{c['text']};}}
.acts{{display:flex;justify-content:space-between;margin-top:14px;color:{c['grey']};font-size:14px;}}
.acts.det{{border-top:1px solid {c['border']};padding-top:12px;}}
.act{{display:flex;align-items:center;gap:6px;min-width:40px;}}
.act svg{{width:19px;height:19px;}}
"""
    notes = [f"Mastodon {'status detail' if detail else 'timeline'} ({theme}); boosts -> reposts, favourites -> likes"]
    return dict(html=page(css, "".join(items), width, c["bg"], FONTS["roboto"]),
                width=width, posts=posts, platform="mastodon", theme=theme, lang=lang, notes="; ".join(notes),
                tags=["detail" if detail else "timeline"] + (["mobile"] if mobile else []))


# ==========================================================================
# News article with an embedded X post
# ==========================================================================
ART_UI = {
    "en": dict(caption="Post by {name}. Photo: screenshot", by="By Staff Reporter", upd="Updated 26 Nov 2025, 16:40",
               nav=["World", "Business", "Markets", "Tech", "Opinion"], site="The Daily Ledger", read="Read {} replies",
               reply="Reply", copy="Copy link"),
    "ru": dict(caption="Пост {name} в X. Фото: скриншот", by="Автор: редакция", upd="Обновлено 26.11.2025, 16:40",
               nav=["Политика", "Экономика", "Бизнес", "Технологии", "Мнения"], site="Деловой вестник",
               read="Читать ответы ({})", reply="Ответить", copy="Копировать ссылку"),
    "uk": dict(caption="Допис: {name}. Фото: скриншот", by="Автор: редакція", upd="Оновлено 26.11.2025, 16:40",
               nav=["Політика", "Економіка", "Бізнес", "Технології", "Думки"], site="Економічний огляд",
               read="Читати відповіді ({})", reply="Відповісти", copy="Копіювати посилання"),
}
GENITIVE = {"Кирилл Дмитриев": "Кирилла Дмитриева", "Мария Захарова 🇷🇺": "Марии Захаровой",
            "Алексей Воронин": "Алексея Воронина", "Елена Смирнова ✨": "Елены Смирновой",
            "Дмитрий Орлов": "Дмитрия Орлова"}


def build_article(ctx, lang, embed_style=None):
    rng = ctx.rng
    ui = ART_UI[lang]
    ctx.maxlen = None
    t = X_THEMES["light"]
    a = ctx.x_author(lang, prefer=0.85)
    embed_style = embed_style or rng.choice(["widget", "card"])
    text = ctx.text(lang, max_len=420)
    d = rand_dt(rng)
    if embed_style == "widget":
        likes = fmt_count(rand_count(rng, 1.5, 5.3), "abbr", lang)
        rep = fmt_count(rand_count(rng, 0.5, 3.5), "abbr", lang)
        mv, mt = metrics_block({"likes": likes, "replies": rep})
        ts = x_detail_time(d, lang)
        p = {"author": x_author_truth(a), "timestamp": {"text": ts}, "text": text, "reply_to": [], "metrics": mv,
             "metrics_text": mt, "quoted": None, "_a": a, "_display": text}
        card = (f'<div class="emb"><div class="dh">{avatar_html(a, 48, radius="22%" if a.get("org") else "50%")}'
                f'<div class="who"><div class="nmrow"><span class="nm">{esc(a["name"])}</span>{x_badge(a.get("badge"))}</div>'
                f'<div class="hd">@{esc(a["handle"])} · <span class="lnk" style="font-weight:700">{esc(X_UI[lang]["follow"])}</span></div></div>'
                f'<svg class="xl" viewBox="0 0 24 24"><path d="{XI["logo"]}"/></svg></div>'
                f'<div class="etx">{rich(text)}</div><div class="ets">{esc(ts)}</div>'
                f'<div class="eacts"><span><svg class="hh" viewBox="0 0 24 24"><path fill="#f91880" d="M20.884 13.19c-1.351 2.48-4.001 5.12-8.379 7.67l-.503.3-.504-.3c-4.379-2.55-7.029-5.19-8.382-7.67-1.36-2.5-1.41-4.86-.514-6.67.887-1.79 2.647-2.91 4.601-3.01 1.651-.09 3.368.56 4.798 2.01 1.429-1.45 3.146-2.1 4.796-2.01 1.954.1 3.714 1.22 4.601 3.01.896 1.81.846 4.17-.514 6.67z"/></svg><b>{esc(likes)}</b></span>'
                f'<span>{svg(XI["reply"], "hh")}<b>{esc(ui["reply"])}</b></span><span>{svg(XI["share"], "hh")}<b>{esc(ui["copy"])}</b></span></div>'
                f'<div class="eread">{esc(ui["read"].format(rep))}</div></div>')
        note = "X embed widget inside a news article: heart count -> likes, 'Read N replies' -> replies"
    else:
        counts = x_counts(rng, lang, style="abbr10k", absent=0.1, keys=("reposts", "quotes", "likes", "views", "bookmarks"))
        p = make_x_post(ctx, lang, author=a, ts=x_detail_time(d, lang), text=text, counts=counts)
        p["_display"] = text
        card = f'<div class="shot">{x_detail_item(p, X_UI[lang], lang, style="stats")}</div>'
        note = "screenshot of an X detail view placed as an image inside a news article"
    name = a["name"]
    if lang == "ru":
        name = GENITIVE.get(name, "«" + name + "»") if name not in GENITIVE else GENITIVE[name]
    caption = ui["caption"].format(name=re.sub(r"\s*[\U0001F000-\U0001FFFF]+", "", name).strip())
    paras = list(pools.ARTICLE_PARAS[lang])
    rng.shuffle(paras)
    head = rng.choice(pools.ARTICLE_HEADLINES[lang])
    width = rng.choice([900, 1000])
    css = x_css(t) + f"""
#root{{background:#fff;color:#1a1a1a;}}
.nav{{display:flex;align-items:center;gap:24px;padding:14px 40px;border-bottom:3px solid #1a1a1a;font:600 15px/1.2 {FONTS['liberation']};}}
.nav .site{{font:700 28px/1 {SERIF};margin-right:30px;}}
.art{{max-width:680px;margin:0 auto;padding:28px 0 40px;font-family:{SERIF};}}
.art h1{{font-size:38px;line-height:1.15;margin:0 0 12px;}}
.by{{font:14px/1.4 {FONTS['liberation']};color:#666;margin-bottom:22px;}}
.art p{{font-size:19px;line-height:1.6;margin:0 0 18px;}}
figure{{margin:28px 0;}}
figcaption{{font:italic 14px/1.4 {FONTS['liberation']};color:#666;margin-top:8px;}}
.emb{{font-family:{FONTS['roboto']};border:1px solid #cfd9de;border-radius:12px;padding:12px 16px 8px;max-width:550px;color:#0f1419;background:#fff;}}
.emb .dh{{padding-top:0;}}
.emb .who{{margin-left:8px;}}
.xl{{width:23px;height:23px;fill:#0f1419;}}
.etx{{font-size:20px;line-height:28px;white-space:pre-wrap;margin-top:12px;}}
.ets{{font-size:15px;color:#536471;margin:12px 0;}}
.eacts{{display:flex;gap:20px;font-size:14px;color:#536471;border-top:1px solid #cfd9de;padding-top:8px;}}
.eacts span{{display:flex;align-items:center;gap:4px;}}
.hh{{width:20px;height:20px;fill:#536471;}}
.eread{{border:1px solid #cfd9de;border-radius:9999px;text-align:center;color:#006fd6;font-weight:700;font-size:15px;line-height:34px;margin:12px 0 4px;}}
.shot{{border:1px solid #ddd;max-width:600px;font-family:{FONTS['roboto']};}}
"""
    body = (f'<div class="nav"><span class="site">{esc(ui["site"])}</span>' + "".join(f"<span>{esc(n)}</span>" for n in ui["nav"])
            + f'</div><div class="art"><h1>{esc(head)}</h1><div class="by">{esc(ui["by"])} · {esc(ui["upd"])}</div>'
            + "".join(f"<p>{esc(x)}</p>" for x in paras[:2])
            + f'<figure>{card}<figcaption>{esc(caption)}</figcaption></figure>'
            + "".join(f"<p>{esc(x)}</p>" for x in paras[2:]) + "</div>")
    notes = [note, "headline, article paragraphs, navigation and the caption are not posts"]
    return dict(html=page(css, body, width, "#fff", FONTS["roboto"]), width=width, posts=[p], platform="x",
                theme="light", lang=lang, notes="; ".join(notes), tags=["article", embed_style])


# ==========================================================================
# Images without any post
# ==========================================================================
NOPOST_UI = {
    "en": dict(chart="Quarterly revenue, $bn", settings="Settings",
               items=[("Notifications", True), ("Dark mode", False), ("Auto-play videos", True), ("Data saver", False),
                      ("Location services", True)],
               links=["Account", "Privacy and safety", "Language", "Help centre", "About"],
               store="FRESH MARKET #214", total="TOTAL", cash="Card payment", thanks="Thank you for shopping!",
               goods=[("Bananas 1.2 kg", 2.39), ("Whole milk 2 L", 3.49), ("Sourdough bread", 4.25), ("Eggs, dozen", 5.10),
                      ("Coffee beans 500 g", 11.99), ("Tomatoes", 3.18), ("Olive oil 1 L", 9.75)]),
    "ru": dict(chart="Выручка по кварталам, млрд руб.", settings="Настройки",
               items=[("Уведомления", True), ("Тёмная тема", False), ("Автовоспроизведение", True), ("Экономия трафика", False),
                      ("Геолокация", True)],
               links=["Аккаунт", "Конфиденциальность", "Язык", "Справка", "О приложении"],
               store="МАГАЗИН «ПЯТЁРОЧКА» №1187", total="ИТОГ", cash="Оплата картой", thanks="Спасибо за покупку!",
               goods=[("Бананы 1,2 кг", 167.88), ("Молоко 2,5% 1 л", 89.99), ("Хлеб бородинский", 54.90), ("Яйца С1, 10 шт", 119.99),
                      ("Кофе в зёрнах 500 г", 899.00), ("Помидоры", 212.40), ("Масло подсолнечное", 139.99)]),
    "uk": dict(chart="Виручка за кварталами, млрд грн", settings="Налаштування",
               items=[("Сповіщення", True), ("Темна тема", False), ("Автовідтворення", True), ("Економія трафіку", False),
                      ("Геолокація", True)],
               links=["Обліковий запис", "Конфіденційність", "Мова", "Довідка", "Про застосунок"],
               store="СУПЕРМАРКЕТ «СІЛЬПО»", total="СУМА", cash="Оплата карткою", thanks="Дякуємо за покупку!",
               goods=[("Банани 1,2 кг", 95.88), ("Молоко 2,5% 0,9 л", 42.50), ("Хліб житній", 31.90), ("Яйця, 10 шт", 64.99),
                      ("Кава в зернах 500 г", 389.00), ("Помідори", 118.20), ("Олія соняшникова", 76.40)]),
}


def photo_svg(rng, width, h, uid="p", style="display:block"):
    """A photo-like picture: sky gradient, blurred blobs, hills and film grain (no text)."""
    sky = rng.choice([("#87b5e5", "#f5d6a1"), ("#2b3a67", "#e9806e"), ("#a1c4fd", "#c2e9fb"), ("#3a6073", "#16222a"),
                      ("#d4a373", "#faedcd"), ("#6d597a", "#eaac8b")])
    hills = ""
    for i in range(rng.randint(2, 4)):
        pts = [(0, h)]
        base = h * (0.45 + 0.12 * i)
        step = max(40, width // 10)
        for x in range(0, width + step, step):
            pts.append((x, base - rng.randint(0, int(h * 0.18))))
        pts.append((width, h))
        col = "#%02x%02x%02x" % (rng.randint(20, 90), rng.randint(60, 130), rng.randint(40, 90))
        hills += f'<polygon points="{" ".join(f"{x},{y:.0f}" for x, y in pts)}" fill="{col}" opacity="{0.75 + 0.08 * i:.2f}"/>'
    blobs = "".join(f'<circle cx="{rng.randint(0, width)}" cy="{rng.randint(0, h)}" r="{rng.randint(10, 90)}" '
                    f'fill="#{rng.randint(0, 0xffffff):06x}" opacity="{rng.uniform(.08, .3):.2f}"/>' for _ in range(14))
    return (f'<svg width="{width}" height="{h}" viewBox="0 0 {width} {h}" preserveAspectRatio="xMidYMid slice" style="{style}">'
            f'<defs><linearGradient id="{uid}s" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="{sky[0]}"/>'
            f'<stop offset="1" stop-color="{sky[1]}"/></linearGradient>'
            f'<filter id="{uid}n"><feTurbulence type="fractalNoise" baseFrequency="{rng.uniform(.6, .9):.2f}" numOctaves="3" seed="{rng.randint(1, 999)}"/>'
            f'<feColorMatrix values="0 0 0 0 .5 0 0 0 0 .5 0 0 0 0 .5 0 0 0 .18 0"/></filter>'
            f'<filter id="{uid}b"><feGaussianBlur stdDeviation="6"/></filter></defs>'
            f'<rect width="100%" height="100%" fill="url(#{uid}s)"/><circle cx="{rng.randint(50, width - 50)}" cy="{int(h * .25)}" r="{rng.randint(20, 45)}" fill="#fff6d5" opacity=".85" filter="url(#{uid}b)"/>'
            f'<g filter="url(#{uid}b)">{blobs}</g>{hills}<rect width="100%" height="100%" filter="url(#{uid}n)"/></svg>')


def build_nopost(ctx, kind, lang, theme="light"):
    rng = ctx.rng
    ui = NOPOST_UI[lang]
    notes = ""
    if kind == "photo":
        width = rng.choice([800, 960, 720])
        h = int(width * rng.choice([0.5625, 0.66, 0.75]))
        body = photo_svg(rng, width, h)
        css, bg = "", "#000"
        notes = "photo-like picture (gradients, hills, noise); no text"
    elif kind == "chart":
        width = rng.choice([640, 720])
        h = 420
        vals = [rng.uniform(10, 95) for _ in range(rng.choice([4, 6, 8]))]
        labels = [f"Q{(i % 4) + 1} {24 + i // 4}" for i in range(len(vals))]
        bw = (width - 120) / len(vals)
        bars = ""
        for i, v in enumerate(vals):
            x = 70 + i * bw + bw * 0.15
            y = 360 - v * 3
            num = f"{v:.1f}" if lang == "en" else f"{v:.1f}".replace(".", ",")
            bars += (f'<rect x="{x:.1f}" y="{y:.1f}" width="{bw * 0.7:.1f}" height="{v * 3:.1f}" fill="#2f6fdf"/>'
                     f'<text x="{x + bw * 0.35:.1f}" y="{y - 6:.1f}" text-anchor="middle" font-size="13">{num}</text>'
                     f'<text x="{x + bw * 0.35:.1f}" y="380" text-anchor="middle" font-size="13" fill="#555">{labels[i]}</text>')
        grid = "".join(f'<line x1="60" x2="{width - 30}" y1="{360 - k * 60}" y2="{360 - k * 60}" stroke="#e3e3e3"/>'
                       f'<text x="52" y="{364 - k * 60}" text-anchor="end" font-size="12" fill="#777">{k * 20}</text>' for k in range(6))
        body = (f'<svg width="{width}" height="{h}" style="display:block;font-family:Roboto,sans-serif">'
                f'<rect width="100%" height="100%" fill="#fff"/><text x="20" y="32" font-size="20" font-weight="700">{esc(ui["chart"])}</text>'
                f'{grid}{bars}<line x1="60" x2="{width - 30}" y1="360" y2="360" stroke="#333"/></svg>')
        css, bg = "", "#fff"
        notes = "bar chart with a title, axis labels and values; no post"
    elif kind == "article":
        width = rng.choice([760, 820])
        paras = list(pools.ARTICLE_PARAS[lang]) + list(pools.ARTICLE_PARAS[lang][:2])
        rng.shuffle(paras)
        body = (f'<div style="padding:36px 48px;font-family:{SERIF};color:#222"><h1 style="font-size:32px;margin:0 0 18px">'
                f'{esc(rng.choice(pools.ARTICLE_HEADLINES[lang]))}</h1>'
                + "".join(f'<p style="font-size:18px;line-height:1.6;margin:0 0 14px">{esc(x)}</p>' for x in paras[:4]) + "</div>")
        css, bg = "", "#fff"
        notes = "plain news article text; no post"
    elif kind == "settings":
        dark = theme == "dark"
        fg, grey, bgc, sep, card = ("#fff", "#8e8e93", "#000", "#38383a", "#1c1c1e") if dark else ("#000", "#8e8e93", "#f2f2f7", "#c6c6c8", "#fff")
        width = rng.choice([390, 375])
        rows = "".join(
            f'<div style="display:flex;align-items:center;justify-content:space-between;padding:11px 16px;border-bottom:0.5px solid {sep};font-size:17px">'
            f'<span>{esc(n)}</span><span style="width:51px;height:31px;border-radius:16px;background:{"#34c759" if on else ("#39393d" if dark else "#e9e9ea")};position:relative;display:inline-block">'
            f'<span style="position:absolute;top:2px;{"right" if on else "left"}:2px;width:27px;height:27px;border-radius:50%;background:#fff;box-shadow:0 2px 4px rgba(0,0,0,.2)"></span></span></div>'
            for n, on in ui["items"])
        links = "".join(f'<div style="display:flex;justify-content:space-between;padding:12px 16px;border-bottom:0.5px solid {sep};font-size:17px">'
                        f'<span>{esc(n)}</span><span style="color:{grey}">›</span></div>' for n in ui["links"])
        sb = ios_status(t24(rand_dt(rng)), fg).replace('class="status"', 'class="status" style="display:flex;justify-content:space-between;height:47px;align-items:center;padding:0 28px 0 34px;font-weight:600"')
        body = (f'<div style="background:{bgc};color:{fg};padding-bottom:30px">{sb}'
                f'<div style="font-size:34px;font-weight:700;padding:6px 16px 14px">{esc(ui["settings"])}</div>'
                f'<div style="margin:0 16px;border-radius:10px;overflow:hidden;background:{card}">{rows}</div>'
                f'<div style="margin:24px 16px 0;border-radius:10px;overflow:hidden;background:{card}">{links}</div></div>')
        css, bg = ".status svg{fill:currentColor}", bgc
        notes = "phone settings screen with toggles; no post"
    else:  # receipt
        width = rng.choice([360, 400])
        goods = rng.sample(ui["goods"], rng.randint(4, 7))
        cur = {"en": "$", "ru": "₽", "uk": "₴"}[lang]

        def money(v):
            s = f"{v:,.2f}"
            return (s if lang == "en" else s.replace(",", " ").replace(".", ",")) + ("" if lang == "en" else " " + cur)
        rows = "".join(f'<tr><td>{esc(n)}</td><td style="text-align:right">{(cur if lang == "en" else "") + money(v)}</td></tr>' for n, v in goods)
        tot = sum(v for _, v in goods)
        d = rand_dt(rng)
        body = (f'<div style="background:#fdfdf8;margin:20px;padding:20px 18px;font-family:\'Liberation Mono\',monospace;font-size:14px;color:#222;box-shadow:0 2px 6px rgba(0,0,0,.25)">'
                f'<div style="text-align:center;font-weight:700">{esc(ui["store"])}</div>'
                f'<div style="text-align:center;margin-bottom:10px">{d.day:02d}.{d.month:02d}.{d.year} {t24(d)}</div>'
                f'<table style="width:100%;border-collapse:collapse;font-size:14px">{rows}'
                f'<tr><td colspan="2" style="border-top:1px dashed #333;padding-top:6px"></td></tr>'
                f'<tr style="font-weight:700;font-size:16px"><td>{esc(ui["total"])}</td><td style="text-align:right">{(cur if lang == "en" else "") + money(tot)}</td></tr></table>'
                f'<div style="margin-top:10px">{esc(ui["cash"])}</div><div style="text-align:center;margin-top:14px">{esc(ui["thanks"])}</div></div>')
        css, bg = "", "#c9c4b8"
        notes = "shop receipt table; no post"
    return dict(html=page(css, body, width, bg, FONTS["roboto"]), width=width, posts=[], platform="unknown",
                theme="dark" if (kind == "settings" and theme == "dark") else "light", lang=lang, notes=notes,
                tags=[kind], photo=(kind == "photo"))


# ==========================================================================
# plan: which images to make
# ==========================================================================
def choose_lang(rng):
    r = rng.random()
    return "ru" if r < 0.25 else "uk" if r < 0.45 else "en"


def axes(rng, prefer_png=False, photo=False):
    scale = rng.choices([1, 1.5, 2, 3], weights=[34, 22, 34, 10])[0]
    fmt = "jpeg" if (photo or rng.random() < (0.3 if prefer_png else 0.45)) else "png"
    q = rng.choice([50, 55, 60, 65, 70, 75, 80, 85, 90]) if fmt == "jpeg" else None
    down = None
    if scale >= 1.5 and rng.random() < 0.3:
        down = rng.choice([0.5, 0.6, 0.67, 0.75, 0.8])
    return scale, fmt, q, down


def plan(seed, holdout=False):
    """Returns a list of (subdir, builder-callable) in a fixed order."""
    rng = random.Random(seed * 7919)
    jobs = []

    def add(sub, fn, *a, **k):
        jobs.append((sub, fn, a, k))

    themes3 = ["light", "dim", "dark"]
    f = 0.27 if holdout else 1.0   # holdout is ~27 % of the main set

    def n(k):
        return max(1, round(k * f))

    for i in range(n(13)):
        add("x", build_x_detail, themes3[i % 3], None, mobile=(i % 4 == 3))
    for i in range(n(4)):
        add("x", build_x_detail, themes3[(i + 1) % 3], None, mobile=(i == 2), variant="quote")
    for i in range(n(12)):
        add("x", build_x_timeline, themes3[(i + 2) % 3], None, mobile=(i % 4 == 1), variant="plain")
    for i in range(n(5)):
        add("x", build_x_timeline, themes3[i % 3], None, mobile=(i == 4), variant="reply")
    for i in range(n(4)):
        add("x", build_x_timeline, themes3[(i + 1) % 3], None, mobile=(i == 3), variant="thread")
    for i in range(n(4)):
        add("x", build_x_timeline, themes3[(i + 2) % 3], None, mobile=(i == 1), variant="quote")
    for i in range(n(3)):
        add("x", build_x_timeline, themes3[i % 3], None, mobile=(i == 2), variant="reposted")
    for i in range(n(2)):
        add("x", build_x_timeline, themes3[(i + 1) % 3], None, variant="pinned")
    for i in range(n(4)):
        add("x", build_x_timeline, themes3[i % 3], None, mobile=(i % 2 == 1), variant="long")
    for i in range(n(4)):
        add("x", build_x_timeline, themes3[(i + 2) % 3], None, variant=["plain", "reply", "plain", "quote"][i], fullpage=True)
    for i in range(n(16)):
        add("telegram", build_telegram, ["light", "dark"][(i + i // 4) % 2], None, device=["desktop", "mobile", "desktop", "web"][i % 4])
    for i in range(n(3)):
        add("telegram", build_telegram, ["light", "dark"][i % 2], None, device="full", n=2 + i % 2)
    for i in range(n(12)):
        add("facebook", build_facebook, ["light", "dark", "light"][i % 3], None, mobile=(i % 4 == 3))
    for i in range(n(8)):
        add("bluesky", build_bluesky, themes3[i % 3], None, mobile=(i % 4 == 1))
    for i in range(n(8)):
        add("threads", build_threads, ["light", "dark"][i % 2], None, mobile=((i // 2) % 2 == 0))
    for i in range(n(7)):
        add("mastodon", build_mastodon, ["light", "dark"][i % 2], None, mobile=(i == 5))
    for i in range(n(6)):
        add("article", build_article, None, embed_style=["widget", "card"][i % 2])
    nop = [("photo", "en", "light"), ("chart", "en", "light"), ("article", "ru", "light"), ("settings", "en", "light"),
           ("receipt", "ru", "light"), ("photo", "en", "light"), ("chart", "uk", "light"), ("settings", "ru", "dark"),
           ("receipt", "en", "light"), ("photo", "en", "light"), ("article", "en", "light"), ("chart", "ru", "light"),
           ("receipt", "uk", "light"), ("settings", "uk", "light")]
    if holdout:
        nop = [("chart", "en", "light"), ("settings", "en", "dark"), ("receipt", "ru", "light"), ("photo", "en", "light"),
               ("article", "uk", "light")]
    for kind, lang, theme in nop:
        add("nopost", build_nopost, kind, lang, theme=theme)
    # resolve languages deterministically (text language mix ~60/25/15)
    out = []
    for sub, fn, a, k in jobs:
        lang = choose_lang(rng)
        if fn is build_telegram and rng.random() < 0.3:
            lang = "ru"
        a = tuple(lang if x is None else x for x in a)
        if fn in (build_article,):
            a = (lang,)
        out.append((sub, fn, a, k))
    return out


def fmt_scale(s):
    return ("%g" % s).replace(".", "p")


def sample_name(b, scale, fmt, q, down):
    if b["platform"] == "unknown":
        plat = "nopost"
    elif b["tags"][0] == "article":
        plat = "article_x"
    else:
        plat = b["platform"]
    tags = "_".join(t for t in b["tags"] if t not in ("plain",) and not (plat == "article_x" and t == "article"))
    parts = [plat, tags, b["theme"], b["lang"], "s" + fmt_scale(scale)]
    if fmt == "jpeg":
        parts.append(f"jpeg_q{q}")
    if down:
        parts.append(f"down{int(round(down * 100))}")
    return "_".join(p for p in parts if p)


# ==========================================================================
# rendering
# ==========================================================================
CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--disable-extensions", "--mute-audio", "--font-render-hinting=none"]


def chrome(args, tmp):
    ud = tempfile.mkdtemp(prefix="ud", dir=tmp)
    try:
        r = subprocess.run([CHROMIUM] + CHROME_FLAGS + [f"--user-data-dir={ud}"] + args,
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=120)
        return r.stdout.decode("utf-8", "replace")
    finally:
        shutil.rmtree(ud, ignore_errors=True)


def render_one(job):
    name, b, scale, fmt, q, down, outdir, tmp, keep_html = job
    hpath = os.path.join(tmp, name + ".html")
    with open(hpath, "w", encoding="utf-8") as fh:
        fh.write(b["html"])
    if keep_html:
        shutil.copy(hpath, os.path.join(keep_html, name + ".html"))
    url = "file://" + hpath
    dom = chrome(["--virtual-time-budget=3000", f"--window-size={b['width']},600", "--dump-dom", url], tmp)
    m = re.search(r"<title>H:(\d+):W:(\d+):O:(\d+)</title>", dom)
    if not m:
        raise RuntimeError(f"{name}: could not measure page height")
    h = int(m.group(1))
    if int(m.group(3)):
        print(f"WARNING {name}: {m.group(3)} overflowing header/row element(s)", file=sys.stderr, flush=True)
    png = os.path.join(tmp, name + ".png")
    # Headless Chromium does not paint the bottom of very short windows: render into a taller
    # window and crop to the measured height afterwards.
    chrome(["--virtual-time-budget=3000", f"--force-device-scale-factor={scale}", f"--window-size={b['width']},{h + 400}",
            f"--screenshot={png}", url], tmp)
    if not os.path.exists(png):
        raise RuntimeError(f"{name}: screenshot failed")
    ext = "jpg" if fmt == "jpeg" else "png"
    final = os.path.join(outdir, f"{name}.{ext}")
    cmd = [CONVERT, png, "-crop", f"{int(round(b['width'] * scale))}x{int(math.ceil(h * scale))}+0+0", "+repage"]
    if down:
        cmd += ["-filter", "Triangle", "-resize", f"{down * 100:g}%"]
    if fmt == "jpeg":
        cmd += ["-strip", "-quality", str(q), final]
    else:
        cmd += ["-strip", "-define", "png:compression-level=9", final]
    subprocess.run(cmd, check=True)
    os.remove(png)
    os.remove(hpath)
    eff = float(round(scale * (down or 1), 3))
    truth = {"image": os.path.basename(final), "platform": b["platform"], "theme": b["theme"], "scale": eff,
             "language": b["lang"], "posts": strip_private(b["posts"]), "notes": b["notes"]}
    with open(os.path.join(outdir, name + ".truth.json"), "w", encoding="utf-8") as fh:
        json.dump(truth, fh, ensure_ascii=False, indent=2)
        fh.write("\n")
    return final, h


def build_all(holdout, seed=None, fresh=False):
    """Plan of the main set (seed 1), the holdout (seed 2), or a development set of the main
    set's plan drawn with another seed (other combinations of texts, authors, themes, scales
    and compression); `fresh`: the Telegram development plan on the fresh pools."""
    seed = seed or (2 if holdout else 1)
    ctx = Ctx(seed * 1000 + 17, holdout=holdout, fresh=fresh)
    rng = random.Random(seed * 31 + 5)
    items, used = [], {}
    for sub, fn, a, k in (plan_fresh(seed) if fresh else plan(seed, holdout)):
        b = fn(ctx, *a, **k)
        scale, fmt, q, down = axes(rng, photo=b.get("photo", False))
        if b["platform"] == "unknown" and b.get("photo") is False and b["tags"][0] in ("chart", "receipt") and fmt == "jpeg":
            pass
        name = sample_name(b, scale, fmt, q, down)
        used[name] = used.get(name, 0) + 1
        if used[name] > 1:
            name += f"_{used[name]}"
        items.append(("holdout" if holdout else sub, name, b, scale, fmt, q, down))
    return items


def check(out):
    """Validate every NAME.truth.json under `out` (schema, counts, image present). Returns #problems."""
    bad = 0
    post_keys = {"author", "timestamp", "text", "reply_to", "metrics", "metrics_text", "quoted"}

    def problem(path, msg):
        nonlocal bad
        bad += 1
        print(f"{path}: {msg}")

    def check_post(path, p, quoted=False, nameless=False):
        if set(p) != post_keys:
            problem(path, f"post keys {sorted(p)}")
            return
        # nameless: a Telegram chat's own outgoing bubbles show no sender name
        if set(p["author"]) != {"name", "handle", "verified"} or not (p["author"]["name"] or nameless):
            problem(path, "author")
        if p["author"]["handle"] is not None and not p["author"]["handle"].startswith("@"):
            problem(path, "handle without @")
        if not p["timestamp"]["text"] or not p["text"]:
            problem(path, "empty timestamp/text")
        if "\n\n" in p["text"] or p["text"] != p["text"].strip():
            problem(path, "text has blank lines or outer whitespace")
        if set(p["metrics"]) != set(METRIC_KEYS) or set(p["metrics_text"]) != set(METRIC_KEYS):
            problem(path, "metric keys")
        for k in METRIC_KEYS:
            t, v = p["metrics_text"][k], p["metrics"][k]
            if (t is None) != (v is None) or (t is not None and parse_count(t) != v):
                problem(path, f"metric {k}: {t!r} vs {v!r}")
        if quoted and (p["quoted"] is not None or any(v is not None for v in p["metrics"].values())):
            problem(path, "quoted post with metrics or nested quote")
        if p["quoted"] is not None:
            check_post(path, p["quoted"], quoted=True)

    n = 0
    for root, _dirs, files in os.walk(out):
        for fn in sorted(files):
            if not fn.endswith(".truth.json"):
                continue
            n += 1
            path = os.path.join(root, fn)
            with open(path, encoding="utf-8") as fh:
                t = json.load(fh)
            if set(t) != {"image", "platform", "theme", "scale", "language", "posts", "notes"}:
                problem(path, f"top-level keys {sorted(t)}")
                continue
            if t["image"] != fn[:-len(".truth.json")] + os.path.splitext(t["image"])[1] or not os.path.exists(os.path.join(root, t["image"])):
                problem(path, "image missing or misnamed")
            if t["platform"] not in ("x", "telegram", "facebook", "bluesky", "threads", "mastodon", "instagram", "reddit", "unknown"):
                problem(path, "platform")
            if t["theme"] not in ("light", "dim", "dark") or t["language"] not in ("en", "ru", "uk"):
                problem(path, "theme/language")
            if (t["platform"] == "unknown") != (t["posts"] == []):
                problem(path, "unknown platform <=> no posts")
            for p in t["posts"]:
                check_post(path, p, nameless=t["platform"] == "telegram" and p["author"]["name"] is None)
    print(f"checked {n} truth files, {bad} problem(s)")
    return bad


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "samples"))
    ap.add_argument("--only", help="glob (or substring) matched against the sample name, e.g. 'x_detail*' or telegram")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep-html", help="also write the generated HTML pages into this directory")
    ap.add_argument("--list", action="store_true", help="only print the planned sample names")
    ap.add_argument("--no-holdout", action="store_true")
    ap.add_argument("--check", action="store_true", help="only validate the truth files under --out")
    ap.add_argument("--seed", type=int, help="draw the main plan with this seed (>= 3) instead: a development "
                    "set, e.g. --seed 3 --out samples/dev3; implies --no-holdout")
    ap.add_argument("--fresh", type=int, metavar="SEED", help="a Telegram development set (channels and group "
                    "chats) on pools of neither the main set nor the holdout (templates/pools_fresh.py), drawn "
                    "with this seed, e.g. --fresh 6 --out /tmp/tgfresh")
    ap.add_argument("--tg-light-small", type=int, metavar="SEED", help="Telegram light desktop and full-window "
                    "chats at effective scales 0.75-1 on the fresh pools, drawn with this seed")
    args = ap.parse_args()
    if args.check:
        sys.exit(1 if check(args.out) else 0)
    if args.tg_light_small is not None:
        items = build_tg_light_small(args.tg_light_small)
    elif args.fresh is not None:
        items = build_all(False, args.fresh, fresh=True)
    elif args.seed is not None:
        if args.seed < 3:
            ap.error("--seed must be >= 3 (1 is the main set, 2 the holdout)")
        items = build_all(False, args.seed)
    else:
        items = build_all(False) + ([] if args.no_holdout else build_all(True))
    if args.only:
        pat = args.only
        items = [it for it in items if fnmatch.fnmatch(it[1], pat) or pat in it[1] or fnmatch.fnmatch(f"{it[0]}/{it[1]}", pat)]
    if args.list:
        for sub, name, *_ in items:
            print(f"{sub}/{name}")
        print(f"{len(items)} samples", file=sys.stderr)
        return
    if args.keep_html:
        os.makedirs(args.keep_html, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="postocr_render_")
    jobs = []
    for sub, name, b, scale, fmt, q, down in items:
        outdir = os.path.join(args.out, sub)
        os.makedirs(outdir, exist_ok=True)
        jobs.append((name, b, scale, fmt, q, down, outdir, tmp, args.keep_html))
    if not args.only:  # full run: drop stale files of older plans
        keep = {(os.path.join(args.out, j[0]) if False else None) for j in []}
        wanted = {os.path.join(j[6], j[0]) for j in jobs}
        for sub in {it[0] for it in items}:
            d = os.path.join(args.out, sub)
            for fn in os.listdir(d):
                stem = re.sub(r"(\.truth\.json|\.png|\.jpg)$", "", fn)
                if stem != fn and os.path.join(d, stem) not in wanted:
                    os.remove(os.path.join(d, fn))
        del keep
    done = 0
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as ex:
            for final, h in ex.map(render_one, jobs):
                done += 1
                print(f"[{done}/{len(jobs)}] {os.path.relpath(final, args.out)} (h={h})", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
