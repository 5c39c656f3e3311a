"""Typed facts about a subject by year, and the strict parser of the JSON contract.

The facts are immutable slotted dataclasses; each `YearFacts` precomputes the sets of award codes once so
that rules test membership in O(1) during a sweep. `parse_request` validates the contract strictly and raises
`ContractError(field, message)` naming the field path (e.g. ``years.2024.leave[0].working_days``).

Extensions accepted beyond the contract (all optional; the contract allows new fields):
``subject.under_review`` (bool: under disciplinary review, investigation, inspection or complaint),
``leave[].duration_months`` and ``leave[].study_result`` (training length and result, legal-rules §3),
``discipline[].decided_on``, ``discipline[].ends_on`` and ``discipline[].pending``. Unknown keys are ignored
so that newer clients keep working; unknown *values* (codes, ratings, kinds) are refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from . import codes

NO_TRACKS_EXCLUDED: frozenset[str] = frozenset()
ONE_OFF_TRACKS = frozenset({"dot_xuat", "chuyen_de"})


class ContractError(ValueError):
    """Bad input: `field` is the path of the offending field, `message` a Vietnamese explanation."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field
        self.message = message


@dataclass(frozen=True, slots=True)
class Leave:
    kind: str
    working_days: int | None = None
    duration_months: float | None = None  # length of the training course, for `study`
    study_result: str | None = None  # xuat_sac, gioi, kha, trung_binh, yeu


@dataclass(frozen=True, slots=True)
class Discipline:
    form: str | None
    decided_on: dt.date | None = None
    ends_on: dt.date | None = None  # end of the discipline period (thời hạn kỷ luật)
    pending: bool = False  # under review, not yet decided


@dataclass(frozen=True, slots=True)
class Initiative:
    id: str | None
    level: str
    kind: str = "initiative"
    recognized_on: dt.date | None = None
    used_for: tuple[str, int] | None = None  # (code, year) of the award it already supported
    year: int = 0  # the year it is listed under (recognised)
    scopes: tuple[tuple[str, dt.date | None], ...] = ()  # later recognitions at a wider scope (level, date)

    def level_on(self, when: dt.date) -> str:
        """The widest scope recognised by `when` (contract 1.1 `initiatives[].scopes`)."""
        level = self.level
        for wider, recognized_on in self.scopes:
            if (recognized_on is None or recognized_on <= when) and codes.LEVEL_RANK[
                wider
            ] > codes.LEVEL_RANK[level]:
                level = wider
        return level


@dataclass(frozen=True, slots=True)
class AwardHeld:
    code: str
    track: str = codes.DEFAULT_TRACK
    decided_on: dt.date | None = None
    period: tuple[int, int] | None = None  # years of achievement rewarded (contract 1.1 `awards[].period`)


@dataclass(frozen=True, slots=True)
class YearFacts:
    """What is known about one subject in one achievement year. Every field is optional in the contract."""

    year: int
    rating: str | None = None
    months_worked: float = 12.0
    months_worked_given: bool = False
    awards: tuple[AwardHeld, ...] = ()
    leave: tuple[Leave, ...] = ()
    discipline: tuple[Discipline, ...] = ()
    initiatives: tuple[Initiative, ...] = ()
    cluster_rank: int | None = None
    member: bool = True  # contract 1.1 `members[].years[Y].member`: false = not a member that year
    # Precomputed indices (derived from `awards`).
    award_codes: frozenset[str] = field(default=frozenset(), compare=False)
    merit_codes: frozenset[str] = field(default=frozenset(), compare=False)  # track cong_trang
    chain_codes: frozenset[str] = field(default=frozenset(), compare=False)  # not one-off / thematic
    has_periods: bool = field(default=False, compare=False)  # an award carries a `period` (1.1)

    @classmethod
    def build(
        cls,
        *,
        year: int,
        rating: str | None = None,
        months_worked: float | None = None,
        awards: tuple[AwardHeld, ...] | list[AwardHeld] = (),
        leave: tuple[Leave, ...] | list[Leave] = (),
        discipline: tuple[Discipline, ...] | list[Discipline] = (),
        initiatives: tuple[Initiative, ...] | list[Initiative] = (),
        cluster_rank: int | None = None,
        member: bool = True,
    ) -> YearFacts:
        """Construct with the derived indices; the only constructor callers (and DB loaders) should use."""
        awards = tuple(awards)
        indices = _award_indices(awards)
        return cls(
            year=year,
            rating=rating,
            months_worked=12.0 if months_worked is None else float(months_worked),
            months_worked_given=months_worked is not None,
            awards=awards,
            leave=tuple(leave),
            discipline=tuple(discipline),
            initiatives=tuple(initiatives),
            cluster_rank=cluster_rank,
            member=member,
            award_codes=indices[0],
            merit_codes=indices[1],
            chain_codes=indices[2],
            has_periods=any(a.period is not None for a in awards),
        )

    def award(self, code: str, *, chain_only: bool = True) -> AwardHeld | None:
        """The held award of `code` (a chain-feeding one if `chain_only`), if any."""
        for a in self.awards:
            if a.code == code and (not chain_only or a.track not in ONE_OFF_TRACKS):
                return a
        return None


# Sweeps build hundreds of thousands of years whose award lists repeat (everyone's "LDTT" of one decision):
# the derived sets are shared between equal award tuples instead of rebuilt each time. Bounded.
_INDEX_CACHE: dict[tuple[AwardHeld, ...], tuple[frozenset[str], frozenset[str], frozenset[str]]] = {}


def _award_indices(awards: tuple[AwardHeld, ...]) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    cached = _INDEX_CACHE.get(awards)
    if cached is None:
        cached = (
            frozenset(a.code for a in awards),
            frozenset(a.code for a in awards if a.track == codes.DEFAULT_TRACK),
            frozenset(a.code for a in awards if a.track not in ONE_OFF_TRACKS),
        )
        if len(_INDEX_CACHE) < 100_000:
            _INDEX_CACHE[awards] = cached
    return cached


EMPTY_YEAR_CACHE: dict[int, YearFacts] = {}


def empty_year(year: int) -> YearFacts:
    """A shared empty YearFacts for a year nothing is known about (no allocation in sweeps)."""
    year_facts = EMPTY_YEAR_CACHE.get(year)
    if year_facts is None:
        year_facts = EMPTY_YEAR_CACHE[year] = YearFacts(year=year)
    return year_facts


@dataclass(frozen=True, slots=True)
class SubjectFacts:
    """A person or a collective with its facts by year; `members` only for collectives."""

    kind: str
    name: str = ""
    recruited_on: dt.date | None = None
    years: Mapping[int, YearFacts] = field(default_factory=dict)
    employed_since: dt.date | None = None  # first day at the agency in any capacity (contract 1.1)
    members: tuple[SubjectFacts, ...] = ()
    under_review: bool | None = None
    key: Any = None  # caller's identifier (database id); not used by the rules

    def year(self, year: int) -> YearFacts:
        year_facts = self.years.get(year)
        return year_facts if year_facts is not None else empty_year(year)

    @property
    def started_on(self) -> dt.date | None:
        """The first day of work at the agency: `employed_since` when earlier than `recruited_on`."""
        r, e = self.recruited_on, self.employed_since
        if e is not None and (r is None or e < r):
            return e
        return r


@dataclass(frozen=True, slots=True)
class Question:
    code: str
    year: int
    as_of: dt.date | None = None
    track: str = codes.DEFAULT_TRACK  # contract 1.1 `question.track`


class Item(NamedTuple):
    question: Question
    subject: SubjectFacts


# --------------------------------------------------------------------------------------------- parsing


def _obj(value: Any, path: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ContractError(path, "phải là một đối tượng JSON ({...})")
    return value


def _list(value: Any, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise ContractError(path, "phải là một danh sách JSON ([...])")
    return value


def _str(value: Any, path: str) -> str:
    if not isinstance(value, str):
        raise ContractError(path, f"phải là chuỗi ký tự, nhận được {_show(value)}")
    return value


def _int(value: Any, path: str, *, minimum: int | None = None, maximum: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        else:
            raise ContractError(path, f"phải là số nguyên, nhận được {_show(value)}")
    if minimum is not None and value < minimum:
        if minimum == 0:
            raise ContractError(path, f"không được là số âm, nhận được {value}")
        raise ContractError(path, f"phải lớn hơn hoặc bằng {minimum}, nhận được {value}")
    if maximum is not None and value > maximum:
        raise ContractError(path, f"phải nhỏ hơn hoặc bằng {maximum}, nhận được {value}")
    return value


def _number(value: Any, path: str, *, minimum: float, maximum: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ContractError(path, f"phải là số, nhận được {_show(value)}")
    if value < minimum:
        if minimum == 0:
            raise ContractError(path, f"không được là số âm, nhận được {value}")
        raise ContractError(path, f"phải lớn hơn hoặc bằng {minimum}, nhận được {value}")
    if value > maximum:
        raise ContractError(path, f"phải nhỏ hơn hoặc bằng {maximum:g}, nhận được {value}")
    return float(value)


def _bool(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise ContractError(path, f"phải là true hoặc false, nhận được {_show(value)}")
    return value


def _date(value: Any, path: str) -> dt.date:
    if not isinstance(value, str) or len(value) != 10 or value[4] != "-" or value[7] != "-":
        raise ContractError(path, f"ngày không hợp lệ {_show(value)}: cần định dạng YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ContractError(path, f"ngày không hợp lệ {_show(value)}: không có ngày này") from None


def _opt_date(data: Mapping[str, Any], key: str, path: str) -> dt.date | None:
    value = data.get(key)
    return None if value is None else _date(value, f"{path}.{key}")


def _choice(value: Any, path: str, allowed: Any, what: str) -> str:
    if not isinstance(value, str) or value not in allowed:
        listed = ", ".join(sorted(allowed))
        raise ContractError(path, f"{what} không hợp lệ {_show(value)}; giá trị hợp lệ: {listed}")
    return value


def _code_value(value: Any, path: str) -> str:
    return _choice(value, path, codes.CODES, "mã danh hiệu, hình thức")


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return "một đối tượng" if isinstance(value, Mapping) else "một danh sách"


MIN_YEAR, MAX_YEAR = 1945, 2100


def _year_key(key: Any, path: str) -> int:
    if not isinstance(key, str) or len(key) != 4 or not (key.isascii() and key.isdigit()):  # not "²²²²"
        raise ContractError(path, f'năm không hợp lệ {_show(key)}: cần năm 4 chữ số, ví dụ "2024"')
    year = int(key)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ContractError(path, f"năm {year} nằm ngoài khoảng {MIN_YEAR}–{MAX_YEAR}")
    return year


def _parse_question(data: Any, path: str) -> Question:
    q = _obj(data, path)
    if "code" not in q:
        raise ContractError(f"{path}.code", "thiếu mã danh hiệu, hình thức (code)")
    if "year" not in q:
        raise ContractError(f"{path}.year", "thiếu năm xét thành tích (year)")
    code = _code_value(q["code"], f"{path}.code")
    year_value = q["year"]
    if isinstance(year_value, bool) or not isinstance(year_value, int):
        raise ContractError(
            f"{path}.year", f"năm không hợp lệ {_show(year_value)}: cần số nguyên, ví dụ 2024"
        )
    if not MIN_YEAR <= year_value <= MAX_YEAR:
        raise ContractError(f"{path}.year", f"năm {year_value} nằm ngoài khoảng {MIN_YEAR}–{MAX_YEAR}")
    track = q.get("track")
    track = (
        codes.DEFAULT_TRACK
        if track is None
        else _choice(track, f"{path}.track", codes.TRACKS, "loại thành tích (track)")
    )
    return Question(code=code, year=year_value, as_of=_opt_date(q, "as_of", path), track=track)


def _parse_award(data: Any, path: str) -> AwardHeld:
    if isinstance(data, str):
        return AwardHeld(_code_value(data, path))
    a = _obj(data, path)
    if "code" not in a:
        raise ContractError(f"{path}.code", "thiếu mã danh hiệu, hình thức (code)")
    code = _code_value(a["code"], f"{path}.code")
    track = a.get("track")
    track = (
        codes.DEFAULT_TRACK
        if track is None
        else _choice(track, f"{path}.track", codes.TRACKS, "loại thành tích (track)")
    )
    period = None
    if a.get("period") is not None:
        pp = f"{path}.period"
        po = _obj(a["period"], pp)
        if "from" not in po or "to" not in po:
            raise ContractError(pp, "cần có from và to (năm đầu, năm cuối của giai đoạn thành tích)")
        first = _int(po["from"], f"{pp}.from", minimum=MIN_YEAR, maximum=MAX_YEAR)
        last = _int(po["to"], f"{pp}.to", minimum=MIN_YEAR, maximum=MAX_YEAR)
        if last < first:
            raise ContractError(f"{pp}.to", f"năm cuối {last} đứng trước năm đầu {first}")
        period = (first, last)
    return AwardHeld(code, track, _opt_date(a, "decided_on", path), period)


def _parse_leave(data: Any, path: str) -> Leave:
    lv = _obj(data, path)
    if "kind" not in lv:
        raise ContractError(f"{path}.kind", "thiếu loại nghỉ (kind)")
    kind = _choice(lv["kind"], f"{path}.kind", codes.LEAVE_KINDS, "loại nghỉ")
    days = lv.get("working_days")
    days = None if days is None else _int(days, f"{path}.working_days", minimum=0, maximum=366)
    months = lv.get("duration_months")
    months = None if months is None else _number(months, f"{path}.duration_months", minimum=0, maximum=240)
    result = lv.get("study_result")
    if result is not None:
        result = _choice(result, f"{path}.study_result", codes.STUDY_RESULT_RANK, "kết quả học tập")
    return Leave(kind, days, months, result)


def _parse_discipline(data: Any, path: str) -> Discipline:
    d = _obj(data, path)
    pending = d.get("pending")
    pending = False if pending is None else _bool(pending, f"{path}.pending")
    form = d.get("form")
    if form is None and not pending:
        raise ContractError(f"{path}.form", "thiếu hình thức kỷ luật (form)")
    if form is not None:
        form = _choice(form, f"{path}.form", codes.DISCIPLINE_RANK, "hình thức kỷ luật")
    decided_on = _opt_date(d, "decided_on", path)
    ends_on = _opt_date(d, "ends_on", path)
    if decided_on and ends_on and ends_on < decided_on:
        raise ContractError(f"{path}.ends_on", "ngày hết thời hạn kỷ luật đứng trước ngày quyết định kỷ luật")
    return Discipline(form, decided_on, ends_on, pending)


def _parse_initiative(data: Any, path: str, year: int) -> Initiative:
    i = _obj(data, path)
    if "level" not in i:
        raise ContractError(f"{path}.level", "thiếu cấp công nhận (level)")
    level = _choice(i["level"], f"{path}.level", codes.LEVEL_RANK, "cấp sáng kiến")
    kind = i.get("kind")
    kind = (
        "initiative"
        if kind is None
        else _choice(kind, f"{path}.kind", codes.INITIATIVE_KINDS, "loại sáng kiến")
    )
    ident = i.get("id")
    ident = None if ident is None else (ident if isinstance(ident, str) else str(_int(ident, f"{path}.id")))
    recognized_on = _opt_date(i, "recognized_on", path)
    if recognized_on is not None and recognized_on.year != year:
        raise ContractError(
            f"{path}.recognized_on",
            f"sáng kiến công nhận ngày {recognized_on.isoformat()} phải được ghi dưới năm {recognized_on.year},"
            f" không phải năm {year}",
        )
    used_for = None
    if i.get("used_for") is not None:
        u = _obj(i["used_for"], f"{path}.used_for")
        if "code" not in u or "year" not in u:
            raise ContractError(f"{path}.used_for", "cần có code và year của danh hiệu đã sử dụng sáng kiến")
        used_for = (
            _code_value(u["code"], f"{path}.used_for.code"),
            _int(u["year"], f"{path}.used_for.year", minimum=MIN_YEAR, maximum=MAX_YEAR),
        )
    scopes: list[tuple[str, dt.date | None]] = []
    for n, sc in enumerate(_items(i, "scopes", path)):
        sp = f"{path}.scopes[{n}]"
        so = _obj(sc, sp)
        if "level" not in so:
            raise ContractError(f"{sp}.level", "thiếu cấp công nhận (level)")
        scopes.append(
            (
                _choice(so["level"], f"{sp}.level", codes.LEVEL_RANK, "cấp sáng kiến"),
                _opt_date(so, "recognized_on", sp),
            )
        )
    return Initiative(ident, level, kind, recognized_on, used_for, year, tuple(scopes))


def _items(data: Mapping[str, Any], key: str, path: str) -> list[Any]:
    """The list under `key` (empty when absent); `path` is the object's own path ("" at the root)."""
    value = data.get(key)
    return [] if value is None else _list(value, f"{path}.{key}" if path else key)


def _parse_year(data: Any, path: str, year: int) -> YearFacts:
    y = _obj(data, path)
    rating = y.get("rating")
    if rating is not None:
        rating = _choice(rating, f"{path}.rating", codes.RATING_RANK, "xếp loại")
    months = y.get("months_worked")
    months = None if months is None else _number(months, f"{path}.months_worked", minimum=0, maximum=12)
    rank = y.get("cluster_rank")
    rank = None if rank is None else _int(rank, f"{path}.cluster_rank", minimum=1)
    member = y.get("member")
    member = True if member is None else _bool(member, f"{path}.member")
    return YearFacts.build(
        year=year,
        rating=rating,
        months_worked=months,
        awards=[_parse_award(a, f"{path}.awards[{n}]") for n, a in enumerate(_items(y, "awards", path))],
        leave=[_parse_leave(a, f"{path}.leave[{n}]") for n, a in enumerate(_items(y, "leave", path))],
        discipline=[
            _parse_discipline(a, f"{path}.discipline[{n}]")
            for n, a in enumerate(_items(y, "discipline", path))
        ],
        initiatives=[
            _parse_initiative(a, f"{path}.initiatives[{n}]", year)
            for n, a in enumerate(_items(y, "initiatives", path))
        ],
        cluster_rank=rank,
        member=member,
    )


def _parse_years(data: Any, path: str) -> dict[int, YearFacts]:
    if data is None:
        return {}
    raw = _obj(data, path)
    years: dict[int, YearFacts] = {}
    for key, value in raw.items():
        year = _year_key(key, f"{path}.{key}")
        if year in years:
            raise ContractError(f"{path}.{key}", f"năm {year} xuất hiện hai lần")
        years[year] = _parse_year(value, f"{path}.{key}", year)
    return years


def _parse_subject(raw: Mapping[str, Any], path_prefix: str) -> SubjectFacts:
    spath = f"{path_prefix}subject"
    if "subject" not in raw:
        raise ContractError(spath, "thiếu thông tin đối tượng (subject)")
    s = _obj(raw["subject"], spath)
    if "kind" not in s:
        raise ContractError(f"{spath}.kind", "thiếu loại đối tượng (individual hoặc collective)")
    kind = _choice(s["kind"], f"{spath}.kind", codes.SUBJECT_KINDS, "loại đối tượng")
    name = s.get("name")
    name = "" if name is None else _str(name, f"{spath}.name")
    under_review = s.get("under_review")
    under_review = None if under_review is None else _bool(under_review, f"{spath}.under_review")
    members: list[SubjectFacts] = []
    mpath = f"{path_prefix}members"
    for n, m in enumerate(_items(raw, "members", path_prefix.rstrip("."))):
        mp = f"{mpath}[{n}]"
        mo = _obj(m, mp)
        mname = mo.get("name")
        mname = "" if mname is None else _str(mname, f"{mp}.name")
        members.append(
            SubjectFacts(
                kind=codes.INDIVIDUAL,
                name=mname,
                recruited_on=_opt_date(mo, "recruited_on", mp),
                employed_since=_opt_date(mo, "employed_since", mp),
                years=_parse_years(mo.get("years"), f"{mp}.years"),
                key=n,
            )
        )
    return SubjectFacts(
        kind=kind,
        name=name,
        recruited_on=_opt_date(s, "recruited_on", spath),
        employed_since=_opt_date(s, "employed_since", spath),
        years=_parse_years(raw.get("years"), f"{path_prefix}years"),
        members=tuple(members),
        under_review=under_review,
    )


def is_batch(data: Any) -> bool:
    """True for the `{"questions": [...]}` form."""
    return isinstance(data, Mapping) and "questions" in data


def parse_request(data: Any) -> list[Item]:
    """Validate a contract request and return its (question, subject facts) items, in order.

    ``{"questions": [...]}``: each item is either a bare question ``{"code", "year", "as_of"}`` sharing the
    request's top-level ``subject``, ``years`` and ``members``, or a full request object
    ``{"question": {...}, "subject": ..., "years": ..., "members": ...}`` with its own facts.
    """
    root = _obj(data, "")
    if "question" in root and "questions" in root:
        raise ContractError("questions", "chỉ dùng một trong hai trường question hoặc questions")
    if "question" in root:
        return [Item(_parse_question(root["question"], "question"), _parse_subject(root, ""))]
    if "questions" not in root:
        raise ContractError("question", "thiếu câu hỏi (question hoặc questions)")
    raw_items = _list(root["questions"], "questions")
    if not raw_items:
        raise ContractError("questions", "danh sách câu hỏi rỗng")
    shared: SubjectFacts | None = None
    items: list[Item] = []
    for n, raw in enumerate(raw_items):
        path = f"questions[{n}]"
        obj = _obj(raw, path)
        if "question" in obj:
            items.append(
                Item(_parse_question(obj["question"], f"{path}.question"), _parse_subject(obj, f"{path}."))
            )
            continue
        question = _parse_question(obj, path)
        if shared is None:
            shared = _parse_subject(root, "")
        items.append(Item(question, shared))
    return items
