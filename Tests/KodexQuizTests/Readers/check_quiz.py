"""Reads a `kodex quiz export` file with readers that know nothing of Kodex, and prints
what they found as JSON: each question's id, its category, its right answer (or items in
order), and every warning the reader gave.

usage: check_quiz.py FORMAT FILE
"""
import csv
import io
import json
import logging
import re
import sys
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


def html_text(html):
    parser = _Text()
    parser.feed(html or "")
    return "".join(parser.parts).strip()


def moodle(path):
    warnings, questions = [], []
    root = ET.parse(path).getroot()
    if root.tag != "quiz":
        warnings.append("root is not <quiz>")
    category = None
    for question in root.findall("question"):
        kind = question.get("type")
        if kind == "category":
            category = question.findtext("category/text")
            continue
        qid = question.findtext("idnumber") or ""
        name = question.findtext("name/text") or ""
        text = question.findtext("questiontext/text") or ""
        if not qid or not name or not text:
            warnings.append(f"question without idnumber, name or text: {qid!r}")
        if len(qid) > 100:
            warnings.append(f"idnumber longer than 100: {qid}")
        if kind == "multichoice":
            if question.findtext("single") != "true":
                warnings.append(f"{qid}: not single")
            answers = question.findall("answer")
            right = [a for a in answers if a.get("fraction") == "100"]
            if len(right) != 1 or any(a.get("fraction") not in ("0", "100") for a in answers) or len(answers) < 2:
                warnings.append(f"{qid}: fractions do not make one right answer")
            texts = [html_text(a.findtext("text")) for a in answers]
            if len(set(texts)) != len(texts):
                warnings.append(f"{qid}: two answers alike")
            questions.append({"id": qid, "category": category, "ask": html_text(text),
                              "right": [html_text(right[0].findtext("text"))] if right else []})
        elif kind == "matching":
            subs = question.findall("subquestion")
            answers = [s.findtext("answer/text") for s in subs]
            # Moodle's matching type wants at least two questions and three answers.
            if len(subs) < 2 or len(set(answers)) < 3:
                warnings.append(f"{qid}: matching needs two questions and three answers")
            ordered = sorted(subs, key=lambda s: int((s.findtext("answer/text") or "0").rstrip(".")))
            questions.append({"id": qid, "category": category, "ask": html_text(text),
                              "right": [html_text(s.findtext("text")) for s in ordered]})
        else:
            warnings.append(f"{qid}: unexpected type {kind}")
    return questions, warnings


def gift(path):
    from pygiftparser import parser
    records = []

    class Catch(logging.Handler):
        def emit(self, record):
            records.append(record.getMessage())

    logging.getLogger().addHandler(Catch(level=logging.WARNING))
    with open(path, encoding="utf-8") as handle:
        parsed = parser.parseFile(handle)
    warnings = list(records)
    questions = []
    for question in parsed:
        if not question.valid:
            warnings.append(f"invalid question {question.title!r}")
        answers = question.answers
        kind = type(answers).__name__
        if kind == "MatchingSet":
            if not answers.checkValidity():
                warnings.append(f"{question.title}: a match without its pair")
            pairs = sorted(answers.answers, key=lambda a: int(a.answer.strip().rstrip(".")))
            right = [a.question.strip() for a in pairs]
        elif kind in ("MultipleChoicesSet", "SelectSet"):
            right = [a.answer.strip() for a in answers.answers if a.fraction == 100]
            if len(right) != 1:
                warnings.append(f"{question.title}: {len(right)} right answers")
        else:
            warnings.append(f"{question.title}: read as {kind}")
            right = []
        # The parser keeps GIFT's escapes in the text; Moodle drops them as it imports.
        unescape = lambda text: re.sub(r"\\(.)", r"\1", text)
        questions.append({"id": question.title, "category": question.cat,
                          "ask": unescape(question.text.strip()), "right": [unescape(item) for item in right]})
    return questions, warnings


def qti(path):
    warnings, questions = [], []
    ns = {"cp": "http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1",
          "qti": "http://www.imsglobal.org/xsd/imsqtiasi_v3p0"}
    with zipfile.ZipFile(path) as archive:
        if archive.testzip() is not None:
            warnings.append("a file of the zip is damaged")
        names = set(archive.namelist())
        manifest = ET.fromstring(archive.read("imsmanifest.xml"))
        if manifest.tag != "{%s}manifest" % ns["cp"]:
            warnings.append("manifest is not an IMS CP manifest of QTI 3.0")
        for resource in manifest.findall("cp:resources/cp:resource", ns):
            href = resource.get("href")
            if resource.get("type") != "imsqti_item_xmlv3p0":
                warnings.append(f"{href}: resource type {resource.get('type')}")
            if href not in names:
                warnings.append(f"{href}: not in the package")
                continue
            item = ET.fromstring(archive.read(href))
            if item.tag != "{%s}qti-assessment-item" % ns["qti"]:
                warnings.append(f"{href}: not a qti-assessment-item")
            for attribute in ("identifier", "title", "adaptive", "time-dependent"):
                if item.get(attribute) is None:
                    warnings.append(f"{href}: no {attribute}")
            correct = [v.text for v in item.findall("qti:qti-response-declaration/qti:qti-correct-response/qti:qti-value", ns)]
            body = item.find("qti:qti-item-body", ns)
            interaction = body.find("qti:qti-choice-interaction", ns)
            if interaction is None:
                interaction = body.find("qti:qti-order-interaction", ns)
            choices = {c.get("identifier"): (c.text or "") for c in interaction.findall("qti:qti-simple-choice", ns)}
            if not correct or any(value not in choices for value in correct):
                warnings.append(f"{href}: the correct response names no choice")
            if item.find("qti:qti-response-processing", ns) is None:
                warnings.append(f"{href}: no response processing")
            questions.append({"id": item.get("identifier"), "category": None,
                              "ask": interaction.findtext("qti:qti-prompt", default="", namespaces=ns),
                              "right": [choices.get(value, "") for value in correct]})
    return questions, warnings


def anki(path):
    warnings, questions = [], []
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    lines = text.split("\n")
    headers = [line for line in lines if line.startswith("#")]
    for needed in ("#separator:tab", "#html:true", "#guid column:1"):
        if needed not in headers:
            warnings.append(f"header {needed} missing")
    rows = [line for line in lines if line and not line.startswith("#")]
    guids = set()
    for row in csv.reader(io.StringIO("\n".join(rows)), delimiter="\t", quoting=csv.QUOTE_NONE):
        if len(row) != 6:
            warnings.append(f"row with {len(row)} fields: {row[:1]}")
            continue
        guid, notetype, deck, front, back, tags = row
        if guid in guids:
            warnings.append(f"guid {guid} twice")
        guids.add(guid)
        right_html = back.split("</p>")[0] if not back.startswith("<ol>") else back
        if back.startswith("<ol>"):
            right = [html_text(item) for item in back.split("</ol>")[0][4:].split("</li>") if item]
        else:
            right = [html_text(right_html)]
        questions.append({"id": guid, "category": deck, "ask": html_text(front.split("</p>")[0]), "right": right})
    return questions, warnings


if __name__ == "__main__":
    form, path = sys.argv[1], sys.argv[2]
    reader = {"moodle-xml": moodle, "gift": gift, "qti": qti, "anki": anki}[form]
    found, problems = reader(path)
    print(json.dumps({"questions": found, "warnings": problems}, ensure_ascii=False))
