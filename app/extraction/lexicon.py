"""Word lists the extractor relies on: cues written here, gazetteers from pythainlp's corpora."""

from __future__ import annotations

import csv
import json
from functools import cache
from pathlib import Path

from pythainlp.corpus import corpus_path

# fmt: off
# (word lists stay compact, several entries a line)

# --- Thai cues -------------------------------------------------------------------------------
TH_SPEECH_VERBS = (
    "กล่าว", "ระบุ", "เปิดเผย", "รายงาน", "อ้าง", "ยืนยัน", "ชี้แจง", "แถลง", "บอก", "เผย",
    "ให้สัมภาษณ์", "ประกาศ", "โพสต์", "ตอกย้ำ", "เน้นย้ำ", "ย้ำ", "อธิบาย", "แจ้ง", "ยอมรับ",
    "ปฏิเสธ", "กล่าวหา", "ชี้", "ตั้งข้อสังเกต", "เขียน", "ทวีต", "เล่า", "โต้แย้ง", "เตือน",
    "ตอบ", "ออกแถลงการณ์", "แถลงการณ์", "เสริม", "ให้ข้อมูล", "บอกเล่า", "สรุป", "สัมภาษณ์",
    "แจง",
)
# Verbs that take what was said straight after them, with no "ว่า", when a named speaker comes
# first: "กองทัพบกปฏิเสธข้อวิจารณ์…", "ดีอีเอส เผยมาเก๊า888 …", "อธิบดี… ระบุกำลังรอผล…".
TH_DIRECT_SPEECH_VERBS = (
    "ชี้แจง", "แจง", "เผย", "เปิดเผย", "ระบุ", "ยืนยัน", "ปฏิเสธ", "แถลง", "ย้ำ", "เน้นย้ำ",
    "ตอกย้ำ", "เตือน", "โต้แย้ง",
)
# Thai public bodies by their short forms, with or without their full stops.
TH_ABBREVIATED_BODIES = frozenset(
    form
    for short in (
        "ธปท.", "ปภ.", "สธ.", "กนง.", "ศบค.", "สพฐ.", "สคบ.", "ดีอีเอส", "กกต.", "ป.ป.ช.", "ป.ป.ท.",
        "สตช.", "บช.น.", "กทม.", "อย.", "สปสช.", "สสส.", "กฟผ.", "กฟน.", "กฟภ.", "ปตท.", "ทอท.",
        "รฟท.", "รฟม.", "ขสมก.", "สศช.", "สศค.", "สศก.", "สนค.", "ครม.", "ก.ล.ต.", "ตลท.", "ธ.ก.ส.",
        "กยศ.", "สสว.", "อว.", "ศธ.", "มท.", "กต.", "กห.", "พณ.", "กษ.", "คค.", "ทส.", "รง.", "พม.",
        "ดศ.", "วธ.", "ยธ.", "สกมช.", "บก.ปอท.", "ตร.", "ทบ.", "ทร.", "ทอ.", "สมช.", "สถ.", "สคทช.",
        "ททท.", "บพท.", "ดีอี", "สวทช.", "ศปช.", "กสทช.", "สตง.", "คปภ.", "สปส.", "ปปส.", "บสย.",
    )
    for form in (short, short.replace(".", ""))
    if len(form) >= 2
)
# The full names of the commonest short forms: a claimant given by its short form is named in
# full where the article names the body in full too ("กระทรวงสาธารณสุข … สธ. ยืนยัน…").
TH_BODY_FULL_NAMES = {
    "ธปท.": "ธนาคารแห่งประเทศไทย",
    "ปภ.": "กรมป้องกันและบรรเทาสาธารณภัย",
    "สธ.": "กระทรวงสาธารณสุข",
    "กนง.": "คณะกรรมการนโยบายการเงิน",
    "สพฐ.": "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน",
    "สคบ.": "สำนักงานคณะกรรมการคุ้มครองผู้บริโภค",
    "ดีอีเอส": "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม",
    "ดีอี": "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม",
    "ดศ.": "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม",
    "กกต.": "คณะกรรมการการเลือกตั้ง",
    "ป.ป.ช.": "คณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ",
    "สตช.": "สำนักงานตำรวจแห่งชาติ",
    "กทม.": "กรุงเทพมหานคร",
    "อย.": "สำนักงานคณะกรรมการอาหารและยา",
    "สปสช.": "สำนักงานหลักประกันสุขภาพแห่งชาติ",
    "ก.ล.ต.": "สำนักงานคณะกรรมการกำกับหลักทรัพย์และตลาดหลักทรัพย์",
    "สถ.": "กรมส่งเสริมการปกครองท้องถิ่น",
    "ครม.": "คณะรัฐมนตรี",
    "ททท.": "การท่องเที่ยวแห่งประเทศไทย",
    "สปส.": "สำนักงานประกันสังคม",
    "กฟผ.": "การไฟฟ้าฝ่ายผลิตแห่งประเทศไทย",
    "สศช.": "สำนักงานสภาพัฒนาการเศรษฐกิจและสังคมแห่งชาติ",
}
# Verbs of explaining, and the words after them that name only the topic: "ชี้แจงกรณี…",
# "กล่าวถึง…" (a denial, "ปฏิเสธข้อวิจารณ์…", says something checkable).
TH_TOPIC_VERBS = ("ชี้แจง", "แจง", "กล่าว", "แถลง", "อธิบาย", "พูด")
TH_TOPIC_WORDS = (
    "กรณี", "ประเด็น", "ข้อวิจารณ์", "ข้อกล่าวหา", "ข้อสงสัย", "ข้อเท็จจริง", "ถึง", "เรื่อง",
    "ข่าว", "ข้อมูล", "การ",
)
TH_ACCORDING_TO = (
    "ตามรายงานของ", "อ้างอิงจาก", "อ้างอิงข้อมูลจาก", "จากข้อมูลของ", "ข้อมูลจาก",
    "ตามข้อมูลของ", "ตามที่", "รายงานของ", "ตามการเปิดเผยของ",
)
TH_OPINION = (
    "มองว่า", "เชื่อว่า", "วิจารณ์ว่า", "คิดว่า", "เห็นว่า", "รู้สึกว่า", "มั่นใจว่า",
    "ในความเห็นของ", "ความเห็นส่วนตัว", "น่าจะ", "ดูเหมือน", "ถือเป็นเรื่อง", "ควรจะ",
    "น่าเสียดาย", "น่ายินดี", "ยอดเยี่ยม", "ทางออกที่ดี", "ไม่เหมาะสม", "ชื่นชม", "สงสัยว่า",
    "เห็นด้วย", "ไม่เห็นด้วย", "ประณาม", "ภูมิใจ", "ตื่นเต้น", "น่าห่วง", "เป็นห่วง", "กังวล",
    "ท้อ", "รู้สึก", "เห็นควร", "เชื่อมั่น", "น่ากลัว", "สุดยอด", "บรรยากาศ", "คึกคัก", "แจ่มใส",
    "สนุกสนาน", "อบอุ่น", "ประทับใจ", "งดงาม", "สวยงาม", "น่ารัก",
    # judgements, commitments and reasoning, not facts: "ถือเป็นภารกิจที่สำคัญ", "ย่อมส่งผล"
    "ให้ความสำคัญ", "ตระหนัก", "มุ่งมั่น", "เป็นเกียรติ", "ย่อม", "สมเหตุสมผล", "เสียใจ",
)
TH_PREDICTION = (
    "ประมาณการ",
    "คาดว่า", "คาดการณ์", "คาดหมาย", "พยากรณ์", "มีแนวโน้ม", "มีแผนจะ", "เตรียมจะ", "ในอนาคต",
    "ปีหน้า", "เดือนหน้า", "สัปดาห์หน้า", "อาจจะ", "อาจ", "เป็นไปได้ว่า", "มีโอกาส", "ตั้งเป้า",
    "เตรียม", "วางแผน", "หาก", "ถ้า", "มีกำหนด",
    # plans and commitments: "อยู่ระหว่างพิจารณานำเสนอ…", "มีนโยบายให้เร่งดำเนินการ…"
    "อยู่ระหว่างพิจารณา", "มีนโยบายให้", "เร่งดำเนินการ",
)
TH_FUTURE = (
    "จะ",
)
TH_HOPE = (
    "หวังว่า", "หวังให้", "ตั้งความหวัง", "ปรารถนา",
)
# Orders that only start a clause ("ห้ามกิน", but not "เขตห้ามทำประมง").
TH_ADVICE_OPENING = (
    "ห้าม", "อย่า", "จงใจ", "จง", "รีบ", "ช่วยกัน", "ช่วยแชร์", "ส่งต่อ",
)
TH_ADVICE = (
    "เสนอว่า", "เสนอให้", "เรียกร้อง", "ต้องให้", "ขอร้อง", "ควร", "ขอแนะนำ", "แนะนำให้",
    "ขอความร่วมมือ", "ต้องรีบ", "กรุณา", "โปรด", "แชร์ต่อ", "แชร์ด่วน", "ช่วยกันแชร์",
    "เตือนให้", "ขอเชิญ", "ขอเตือน", "ขอให้ประชาชน", "จำเป็นต้อง", "อยากให้",
    # "ขอประชาชนอย่าหลงเชื่อ", "เพจปลอมต้องระวัง", and where to call or ask
    "อย่า", "หลงเชื่อ", "ต้องระวัง", "พึงระวัง", "ระมัดระวัง", "ขอฝากเตือน", "ฝากเตือน",
    "สอบถามได้ที่", "ติดต่อได้ที่", "โทรสอบถาม", "สอบถามข้อมูลเพิ่มเติม",
)
TH_WISH = (
    "ขอให้", "อวยพร", "ขอบคุณ", "ยินดีด้วย", "สุขสันต์", "สวัสดี", "โชคดี", "ขอแสดงความยินดี",
    "ขอแสดงความเสียใจ", "ขอเป็นกำลังใจ", "เป็นกำลังใจ",
)
# A denial or correction says something checkable: "ไม่มีการจัดสรรให้กลุ่มวีไอพี", "ไม่เป็นความจริง".
TH_DENIAL = (
    "ไม่มีการ", "ไม่เป็นความจริง", "ไม่จริง", "ไม่ได้", "มิได้", "ไม่พบ", "ไม่ใช่", "ไม่มี",
    "ข่าวปลอม", "ข้อมูลเท็จ", "บิดเบือน", "แอบอ้าง", "ปลอม", "ไม่สามารถ",
)
# How things stand now, stated as fact: "เงินคงคลังในปัจจุบันยังอยู่ในระดับที่เข้มแข็ง".
TH_STATE = (
    "ในปัจจุบัน", "ปัจจุบัน", "ขณะนี้", "ยังคง", "อยู่ในระดับ", "อยู่ภายใต้", "เป็นไปตาม",
    "เป็นสัญญาณ",
)
TH_QUESTION = (
    "หรือไม่", "ไหม", "มั้ย", "อย่างไร", "ทำไม", "หรือเปล่า", "ใช่ไหม", "เมื่อไร", "อะไร",
)
TH_SUPERLATIVE = (
    "ที่สุด", "เป็นประวัติการณ์", "สูงสุด", "ต่ำสุด", "มากสุด", "น้อยสุด", "ครั้งแรก",
    "อันดับหนึ่ง", "อันดับ 1", "สถิติ", "ทุบสถิติ", "นิวไฮ", "รายแรก", "แห่งแรก",
)
TH_COMPARISON = (
    "มากกว่า", "น้อยกว่า", "สูงกว่า", "ต่ำกว่า", "เพิ่มขึ้น", "ลดลง", "เท่ากับ",
    "เมื่อเทียบกับ", "เทียบกับ", "เพิ่มจาก", "ลดจาก", "ขยายตัว", "หดตัว", "เท่าตัว", "ติดลบ",
    "เกินกว่า", "กว่า",
)
TH_PAST = (
    "เมื่อวันที่", "เมื่อวัน", "เมื่อปี", "เมื่อเดือน", "เมื่อ", "ที่ผ่านมา", "แล้ว", "เคย",
    "ได้รับ", "ได้ทำ", "ล่าสุด",
)
# Units and classifiers that make a number a quantity.
TH_UNITS = (
    "ล้านล้านบาท", "ล้านบาท", "พันล้านบาท", "แสนบาท", "หมื่นบาท", "บาท", "ดอลลาร์", "ยูโร",
    "เยน", "หยวน", "ล้านไร่", "ไร่", "ตารางกิโลเมตร", "กิโลเมตร", "กม.", "เมตร", "เซนติเมตร",
    "มิลลิเมตร", "ตัน", "กิโลกรัม", "กก.", "กรัม", "ลิตร", "ล้านลิตร", "ลูกบาศก์เมตร",
    "เมกะวัตต์", "ราย", "คน", "ล้านคน", "ครัวเรือน", "หลังคาเรือน", "หลัง", "แห่ง", "จังหวัด",
    "อำเภอ", "ตำบล", "หมู่บ้าน", "ครั้ง", "ฉบับ", "โรง", "ลำ", "คัน", "ตัว", "ต้น", "ชิ้น",
    "เท่า", "องศา", "ไมโครกรัม", "มคก.", "ดอส", "โดส", "เข็ม", "ที่นั่ง", "เสียง", "คะแนน",
    "ประเทศ", "ชาติ", "บริษัท", "โรงเรียน", "เตียง", "ล้าน", "แสน", "หมื่น", "พัน", "ลำดับ",
    "อันดับ", "ชั่วโมง", "นาที", "คดี", "กรณี", "เรื่อง", "สิทธิ", "ขวด", "กล่อง", "เม็ด", "หน่วย",
    "สตางค์", "ชนิด", "สายพันธุ์", "โครงการ", "กิโลวัตต์", "ล้านตัน", "หลัก", "ข้อ", "สาขา", "คู่",
    "ทีม", "เหรียญ", "นัด", "ประตู", "แพ็ก",
)
TH_DURATION_UNITS = (
    "ปี", "เดือน", "สัปดาห์", "วัน", "ชั่วโมง", "นาที", "ทศวรรษ", "ศตวรรษ",
)
# Words that open a new clause inside a sentence.
TH_CLAUSE_OPENERS = (
    "และ", "แต่", "ขณะที่", "ขณะเดียวกัน", "เนื่องจาก", "เพราะ", "พร้อมกล่าว", "พร้อมระบุ",
    "พร้อมกับ", "ส่วน", "ทั้งนี้", "โดยเฉพาะ", "อย่างไรก็ตาม", "นอกจากนี้",
)
# Words after which a sentence cannot end, and words with which one cannot start.
TH_CONTINUES_AFTER = frozenset((
    "ว่า", "ที่", "ของ", "และ", "หรือ", "กับ", "ให้", "จาก", "ใน", "โดย", "ซึ่ง", "คือ", "เป็น",
    "ถึง", "ต่อ", "แก่", "เพื่อ", "แห่ง", "ได้", "จะ", "ไม่", "อย่าง", "เช่น", "ทั้ง", "รวมถึง",
    "ณ", "ตาม", "ด้วย", "สู่", "ยัง", "เมื่อ", "ตั้งแต่", "จน", "กว่า", "ประมาณ", "กว่า", "ราว",
    "เกือบ", "ชื่อ",
))
# Words that go on into a number ("ปี 2568", "ฉบับที่ 3") but may end a sentence otherwise.
TH_BEFORE_NUMBER = frozenset((
    "วันที่", "เดือน", "ปี", "พ.ศ.", "ค.ศ.", "ฉบับ", "ครั้ง", "อีก", "นับ", "ที่", "กว่า",
    "ราว", "ประมาณ", "เกือบ", "รวม", "จำนวน", "อายุ", "วัย",
))
TH_ATTACHES_LEFT = frozenset((
    "แล้ว", "ด้วย", "เท่านั้น", "แห่ง", "ของ", "ที่", "ซึ่ง", "ว่า", "ได้", "จะ", "ยัง", "ก็",
    "กำลัง", "เคย", "ไม่", "คือ", "เป็น", "ให้", "จาก", "ถึง", "กับ", "หรือ", "ๆ", "อีก",
    "นั้น", "นี้", "เอง", "ไว้", "มา", "ไป", "ขึ้น", "ลง", "อยู่", "ต่อ", "แก่", "จึง", "ล้วน",
    "ต่าง", "ผู้", "อัน", "และ", "แต่", "ขณะที่", "เนื่องจาก", "เพราะ", "พร้อม", "โดย", "ตาม",
    "ใน", "เพื่อ", "จน", "รวมถึง", "รวมทั้ง", "เช่น", "ได้แก่", "ทั้ง", "ต่างๆ", "ฯลฯ", "ฯ",
))
TH_TITLES = (
    "นาย", "นาง", "นางสาว", "น.ส.", "ดร.", "ศ.", "รศ.", "ผศ.", "นพ.", "พญ.", "พล.อ.", "พล.ต.อ.",
    "พล.ต.ต.", "พ.ต.อ.", "พ.ต.ท.", "พ.ต.ต.", "ร.ต.อ.", "พล.ร.อ.", "พล.อ.อ.", "พ.อ.", "ม.ร.ว.",
    "ผู้นำ", "ประธานาธิบดี", "ประธาน", "นายกรัฐมนตรี", "นายกฯ", "นายก", "รัฐมนตรี", "รมว.",
    "รมต.", "อธิบดี", "รองอธิบดี", "โฆษก", "ผู้ว่าราชการ", "ผู้ว่าฯ", "ผู้ว่า", "ผู้อำนวยการ",
    "ผอ.", "เลขาธิการ", "หัวหน้า", "ผู้บัญชาการ", "ผบ.", "อดีต", "ส.ส.", "ส.ว.", "ปลัด",
    "นักวิชาการ", "ผู้เชี่ยวชาญ", "ผู้ช่วย", "รอง", "ผู้จัดการ", "กรรมการ", "นายแพทย์",
    "แพทย์หญิง", "ศาสตราจารย์", "ทูต", "เอกอัครราชทูต", "กษัตริย์", "สมเด็จ", "เจ้าหน้าที่",
    "ตัวแทน", "แม่ทัพ", "ผู้กำกับ", "สมาชิก", "ผู้บังคับการ", "ผู้บัญชาการ", "ผู้", "อธิการบดี",
    "คณบดี", "อาจารย์", "นักวิจัย", "นักวิเคราะห์", "แพทย์", "ทนายความ", "ทนาย", "ผกก.", "สว.",
    "สส.", "ช่าง", "เกษตรจังหวัด", "นายอำเภอ", "กำนัน", "ผู้ใหญ่บ้าน", "ชาวบ้าน", "ชาวประมง",
    "ชาวนา", "เฮดโค้ช", "โค้ช", "นักกีฬา", "นักแสดง", "นักร้อง", "เจ้าของ", "บรรณาธิการ",
    "นักข่าว", "ผู้สื่อข่าว",
)
# Titles that begin a person's name ("นายสมชาย ใจดี"), as opposed to roles in apposition.
TH_PERSONAL_TITLES = (
    "นาย", "นาง", "นางสาว", "น.ส.", "ดร.", "พล.", "พ.ต.", "พ.อ.", "ร.ต.", "ศ.", "รศ.", "ผศ.",
    "นพ.", "พญ.", "ม.ร.ว.", "หม่อม", "คุณ", "นายแพทย์", "แพทย์หญิง",
    # military and police ranks, in full and abbreviated ("พันเอกหญิง", "พล.อ.ต.", "ร.อ.")
    "พลเอก", "พลโท", "พลตรี", "พลตำรวจ", "พลอากาศเอก", "พลอากาศโท", "พลอากาศตรี", "พลเรือเอก",
    "พลเรือโท", "พลเรือตรี", "พันเอก", "พันโท", "พันตรี", "พันตำรวจ", "พันจ่า", "ร้อยเอก",
    "ร้อยโท", "ร้อยตรี", "ร้อยตำรวจ", "นาวาเอก", "นาวาโท", "นาวาตรี", "นาวาอากาศ", "จ่าสิบ",
    "ดาบตำรวจ", "สิบตำรวจ", "พ.ท.", "ร.อ.", "ร.ท.", "จ.ส.อ.", "ด.ต.",
)
TH_ORG_PREFIXES = (
    "กระทรวง", "กรม", "สำนักงาน", "สำนักข่าว", "สำนัก", "บริษัท", "มหาวิทยาลัย", "โรงพยาบาล",
    "ธนาคาร", "ศาล", "สภา", "พรรค", "องค์การ", "องค์กร", "สถาบัน", "คณะกรรมการ", "สมาคม",
    "มูลนิธิ", "ศูนย์", "การไฟฟ้า", "การท่องเที่ยว", "กองทัพ", "ตำรวจ", "สถานทูต", "รัฐบาล",
    "กองบัญชาการ", "สถานีตำรวจ", "เทศบาล", "องค์การบริหารส่วน", "สหภาพ", "สหพันธ์",
)
TH_GENERIC_BODIES = ("รัฐบาล", "ตำรวจ")
TH_PRONOUNS = frozenset((
    "เขา", "เธอ", "ท่าน", "พวกเขา", "เจ้าตัว", "ผม", "ดิฉัน", "ฉัน", "เรา", "ตน",
))

# --- English cues ----------------------------------------------------------------------------
EN_ABBREVIATIONS = frozenset((
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "capt", "sgt", "maj", "adm", "rep",
    "sen", "gov", "pres", "st", "jr", "sr", "no", "nos", "vol", "inc", "ltd", "co", "corp",
    "dept", "univ", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "vs", "etc", "approx", "est",
    "fig", "al", "pp", "a.m", "p.m", "e.g", "i.e", "u.s", "u.k", "u.n", "u.s.a", "ph.d", "b.a",
    "m.a", "n.z",
    # Thai police and military ranks in English: "Pol. Maj. Gen. Somchai", "Pol. Col.", "Sub. Lt."
    "pol", "sub", "cpl", "pvt", "brig", "lt.col", "lt.gen", "maj.gen", "wg", "cdr", "flt", "sqn",
    "acm", "ret", "hon",
))
EN_SPEECH_VERBS = (
    "said", "says", "told", "stated", "claimed", "claims", "reported", "reports", "announced",
    "added", "noted", "explained", "confirmed", "denied", "wrote", "posted", "tweeted",
    "insisted", "argued", "warned", "admitted", "testified", "disputed", "rejected",
)
# A denial or correction says something checkable: "The court did not rule on that question."
EN_DENIAL = (
    "did not", "didn't", "does not", "doesn't", "has not", "hasn't", "have not", "haven't",
    "had not", "was not", "wasn't", "were not", "weren't", "is not", "isn't", "are not",
    "aren't", "no evidence", "not true", "false", "fake", "hoax", "debunked",
)
EN_OPINION = (
    "i think", "we think", "believe", "believes", "in my view", "in our view", "in my opinion",
    "critics argue", "argue that", "argued that", "seems", "appears to be", "feel that",
    "feels that", "opinion", "unfortunately", "should be praised", "disappointing", "a shame",
    "great move", "mistake", "it is clear that", "probably", "praised", "confident", "worries",
    "worried", "proud", "frankly", "i want", "we want", "we welcome", "nobody", "i am sure",
    "we are sure", "condemned", "welcomed", "apologise", "apologize", "apologised",
    "apologized",
)
EN_PREDICTION = (
    "will", "won't", "would", "is expected to", "are expected to", "expects", "expect",
    "expected", "forecast", "forecasts", "predict", "predicts", "likely to", "plans to",
    "plan to", "is set to", "are set to", "next year", "next month", "next week",
    "in the future", "may", "might", "could", "going to", "aims to", "intends to", "projected",
    "scheduled to", "plans", "planned", "if",
)
EN_HOPE = (
    "hope", "hopes", "hoped", "hoping",
)
EN_ADVICE = (
    "should", "must", "urged", "urge", "urges", "advised", "advise", "recommend", "recommended",
    "don't", "do not", "never ", "please", "need to", "needs to", "called for", "calls for",
    "call for", "demanded",
)
EN_WISH = (
    "wish", "wishes", "congratulat", "happy new year", "best wishes", "good luck", "thank",
    "greetings",
)
EN_SUPERLATIVE = (
    "record", "highest", "lowest", "largest", "biggest", "smallest", "most ", "least ",
    "first time", "worst", "best", "fastest", "longest", "oldest", "all-time", "unprecedented",
)
EN_COMPARISON = (
    "more than", "less than", "fewer than", "higher than", "lower than", "compared", "rose",
    "fell", "increased", "decreased", "dropped", "jumped", "grew", "declined", "up from",
    "down from", "doubled", "tripled", "above", "below", "than",
)
EN_PAST = (
    "was", "were", "had", "did", "ago", "last year", "last month", "last week", "yesterday",
    "in 19", "in 20", "since",
)
EN_UNITS = (
    "baht", "dollars", "usd", "euros", "yen", "people", "cases", "deaths", "patients", "km",
    "kilometres", "kilometers", "miles", "metres", "meters", "tonnes", "tons", "kg",
    "kilograms", "litres", "liters", "rai", "hectares", "acres", "households", "homes",
    "provinces", "districts", "villages", "times", "votes", "seats", "points", "degrees",
    "micrograms", "doses", "million", "billion", "trillion", "thousand", "students", "schools",
    "hospitals", "beds", "vehicles", "flights", "passengers", "tourists", "workers", "jobs",
    "companies", "units", "barrels", "megawatts",
)
EN_DURATION_UNITS = (
    "years", "year", "months", "month", "weeks", "week", "days", "day", "hours", "hour",
    "decades", "decade", "centuries", "century",
)
EN_CLAUSE_OPENERS = (
    ", and ", ", but ", "; ", ", while ", " while ", ", although ", " because ", ", whereas ",
    ", though ", ", which ", ", saying ", ", adding ", " but ", ", who ", ", warning ",
    ", urging ",
)
EN_PRONOUNS = frozenset((
    "he", "she", "they", "it", "we", "i",
))


# fmt: on


# --- Gazetteers from pythainlp's bundled corpora ---------------------------------------------
def _corpus_lines(name: str) -> list[str]:
    path = Path(corpus_path()) / name
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@cache
def thai_pos_unigram() -> dict[str, str]:
    """Return the ORCHID unigram part-of-speech of Thai words (bundled with pythainlp)."""
    path = Path(corpus_path()) / "pos_orchid_unigram.json"
    return json.loads(path.read_text(encoding="utf-8-sig"))


@cache
def thai_common_words() -> frozenset[str]:
    """Return pythainlp's Thai dictionary (common words, to tell them from names)."""
    return frozenset(_corpus_lines("words_th.txt"))


@cache
def thai_places() -> frozenset[str]:
    """Return Thai provinces and countries, by their Thai names."""
    names = set(_corpus_lines("countries_th.txt"))
    with (Path(corpus_path()) / "thailand_provinces_th.csv").open(encoding="utf-8") as rows:
        names.update(row[0] for row in csv.reader(rows) if row)
    names.add("กรุงเทพฯ")
    return frozenset(n for n in names if len(n) >= 2)


@cache
def thai_gazetteer() -> frozenset[str]:
    """Return Thai named entities: countries, provinces, person names, Wikipedia titles."""
    names: set[str] = set(_corpus_lines("countries_th.txt"))
    with (Path(corpus_path()) / "thailand_provinces_th.csv").open(encoding="utf-8") as rows:
        for row in csv.reader(rows):
            names.add(row[0])
    common = thai_common_words()
    # Name lists and Wikipedia titles include common words; a dictionary word is not a name.
    for corpus in (
        "person_names_female_th.txt",
        "person_names_male_th.txt",
        "family_names_th.txt",
        "wikipedia_titles_th.txt",
    ):
        names.update(
            t for t in _corpus_lines(corpus) if len(t) >= 3 and t not in common and not t.isascii()
        )
    return frozenset(n for n in names if len(n) >= 2)
