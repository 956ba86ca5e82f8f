#!/usr/bin/env python3
"""Shows postocr's posts next to the truth for one image (developer aid).

Usage: scripts/compare.py IMAGE [postocr args...]
"""
import json, subprocess, sys, os

img = sys.argv[1]
exe = os.environ.get("POSTOCR", "target/release/postocr")
out = subprocess.run([exe, img, *sys.argv[2:]], capture_output=True, text=True).stdout
rec = json.loads(out.splitlines()[0])
stem = img.rsplit(".", 1)[0]
truth = json.load(open(stem + ".truth.json"))
print("platform", rec["platform"], "truth", truth.get("platform"))
def brief(p):
    if p is None:
        return None
    return {
        "name": p["author"]["name"], "handle": p["author"]["handle"], "verified": p["author"]["verified"],
        "ts": (p.get("timestamp") or {}).get("text"), "reply_to": p.get("reply_to"),
        "metrics": {k: v for k, v in (p.get("metrics") or {}).items() if v is not None},
        "text": p.get("text"), "quoted": brief(p.get("quoted")),
    }
n = max(len(rec["posts"]), len(truth["posts"]))
for i in range(n):
    got = brief(rec["posts"][i]) if i < len(rec["posts"]) else None
    want = brief(truth["posts"][i]) if i < len(truth["posts"]) else None
    print(f"--- post {i}")
    for k in ["name", "handle", "verified", "ts", "reply_to", "metrics", "text", "quoted"]:
        g = got.get(k) if got else None
        w = want.get(k) if want else None
        mark = "  " if g == w else "!!"
        print(f"{mark} {k:9} got  {json.dumps(g, ensure_ascii=False)}")
        if g != w:
            print(f"   {'':9} want {json.dumps(w, ensure_ascii=False)}")
