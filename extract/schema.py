"""The typed schema of the language data: one ``TypedDict`` per file and table of ``extract/data/*.toml``.

:func:`extract.lexicon.load` checks each file against its entry in :data:`FILES` when it first
reads it: a missing table or key, or a value of the wrong type, is a :class:`~extract.lexicon.LexiconError`
naming the file and the key (``data/layout.toml: [headings] max_len: expected int, got str``). A key
the schema does not list is allowed (new data may come before the code that reads it). A table whose
keys are words (``digits = { "一" = 1 }``) is a ``dict[str, …]``; a float key accepts an integer.
"""

from __future__ import annotations

from typing import TypedDict


class UnitSpec(TypedDict, total=False):
    """One unit of a dimension of data/units.toml (every key optional)."""

    factor: float | str
    also: list[str]
    sub: str
    after: list[str]
    alone: list[str]
    table: str
    bare: bool


class NumbersChars(TypedDict):
    """[chars] of data/numbers.toml"""

    fold: list[list[str]]


class NumbersNumerals(TypedDict):
    """[numerals] of data/numbers.toml"""

    digits: dict[str, int]
    small: dict[str, int]
    big: dict[str, int]
    special: dict[str, str]
    decimal_point: str
    negative: list[str]
    negative_words: list[str]
    vague_more: list[str]
    vague_digit: list[str]
    vague_pair_steps: list[int]
    fraction: str
    mixed: str
    max_length: int


class NumbersPercent(TypedDict):
    """[percent] of data/numbers.toml"""

    prefixes: dict[str, str]
    tenths: list[str]
    tenths_always: list[str]
    half: str
    tenths_not_before: str


class NumbersUnits(TypedDict):
    """[units] of data/numbers.toml"""

    measure_before_magnitude: str
    magnitudes_after_measure: str
    rate_marks: list[str]


class NumbersTime(TypedDict):
    """[time] of data/numbers.toml"""

    year_unit: str
    year_not_calendar_after: list[str]
    year_min: int
    year_max: int


class NumbersPeople(TypedDict):
    """[people] of data/numbers.toml"""

    unit: str
    nouns: dict[str, str]
    clause_words: list[str]
    phrase_nouns: list[str]
    phrase_reach: int


class NumbersMoney(TypedDict):
    """[money] of data/numbers.toml"""

    unit: str
    clause_words: list[str]


class NumbersBounds(TypedDict):
    """[bounds] of data/numbers.toml"""

    approx_before: list[str]
    approx_after: list[str]
    lower_before: list[str]
    lower_after: list[str]
    upper_before: list[str]
    upper_after: list[str]
    bare_before: dict[str, str]
    phrases: dict[str, int]
    phrase_unit: str
    phrase_lower: list[str]
    double_verb: str
    double_done: str
    double_mark: str
    double_unit: str


class NumbersRanges(TypedDict):
    """[ranges] of data/numbers.toml"""

    connectors: list[str]
    inclusive: list[str]
    list_joiners: list[str]


class NumbersExclude(TypedDict):
    """[exclude] of data/numbers.toml"""

    ordinal_before: list[str]
    one_is_a_units: list[str]
    one_is_a_figure_after: list[str]
    one_time_relative_after: list[str]
    year_name_after: list[str]
    category_units: list[str]
    definition: list[str]
    rate_definition: list[str]
    name_open: list[str]
    name_close: list[str]
    clause_marks: str


class NumbersFalseFigures(TypedDict):
    """[false_figures] of data/numbers.toml"""

    frame_before: list[str]
    frame_since: list[str]
    frame_after: list[str]
    frame_vague_before: list[str]
    frame_not_after: list[str]
    set_phrases: list[str]
    session_units: list[str]
    session_after: list[str]
    session_mark: str
    session_bodies: list[str]
    term_units: list[str]
    term_bodies: list[str]
    rank_before: list[str]
    rank_units: list[str]
    group_after: str
    group_nouns: list[str]
    group_close: str


class Numbers(TypedDict):
    """data/numbers.toml"""

    chars: NumbersChars
    numerals: NumbersNumerals
    percent: NumbersPercent
    units: NumbersUnits
    time: NumbersTime
    people: NumbersPeople
    money: NumbersMoney
    bounds: NumbersBounds
    ranges: NumbersRanges
    exclude: NumbersExclude
    false_figures: NumbersFalseFigures


class LayoutPunctuation(TypedDict):
    """[punctuation] of data/layout.toml"""

    sentence_end: str
    ascii_sentence_end: str
    closing: str
    opening: str
    closing_brackets: str
    not_heading_end: str
    heading_inner_stops: str
    run_in_heading_end: str


class LayoutPage(TypedDict):
    """[page] of data/layout.toml"""

    number_lines: list[str]
    repeated_share: float


class LayoutWrap(TypedDict):
    """[wrap] of data/layout.toml"""

    full_share: float
    full_percentile: float
    wrapped_share: float
    min_full: int
    max_full: int
    min_lines: int
    few_lines: int
    running_marks: str


class LayoutSource(TypedDict):
    """[source] of data/layout.toml"""

    prefixes: list[str]
    bare_prefixes: list[str]
    title_marks: list[str]
    original_title: list[str]
    separators: str
    field_separators: str
    following_fields: list[str]
    following_words: list[str]


class LayoutByline(TypedDict):
    """[byline] of data/layout.toml"""

    prefixes: list[str]
    stamp: str


class LayoutLink(TypedDict):
    """[link] of data/layout.toml"""

    prefixes: list[str]


class LayoutContact(TypedDict):
    """[contact] of data/layout.toml"""

    prefixes: list[str]
    heads: list[str]


class LayoutToc(TypedDict):
    """[toc] of data/layout.toml"""

    heads: list[str]
    page_suffix: str
    edge_share: float


class LayoutHeadings(TypedDict):
    """[headings] of data/layout.toml"""

    numbered: list[list[str]]
    min_level_headings: int
    standalone: list[str]
    max_len: int
    max_section_len: int
    min_title_len: int


class LayoutTitle(TypedDict):
    """[title] of data/layout.toml"""

    open_ends: list[str]
    kinds: list[str]
    dateline_dashes: list[str]


class LayoutDate(TypedDict):
    """[date] of data/layout.toml"""

    patterns: list[str]
    horizons: list[str]
    head_paragraphs: int
    fields: list[str]


class LayoutDocx(TypedDict):
    """[docx] of data/layout.toml"""

    heading_styles: list[str]
    title_styles: list[str]


class Layout(TypedDict):
    """data/layout.toml"""

    punctuation: LayoutPunctuation
    page: LayoutPage
    wrap: LayoutWrap
    source: LayoutSource
    byline: LayoutByline
    link: LayoutLink
    contact: LayoutContact
    toc: LayoutToc
    headings: LayoutHeadings
    title: LayoutTitle
    date: LayoutDate
    docx: LayoutDocx


class UnitsHalf(TypedDict):
    """[half] of data/units.toml"""

    inside: list[str]
    not_after: list[str]


class UnitsCount(TypedDict):
    """[count] of data/units.toml"""

    words: list[str]


class UnitsNotUnits(TypedDict):
    """[not_units] of data/units.toml"""

    words: list[str]


class UnitsCompound(TypedDict):
    """[compound] of data/units.toml"""

    joiners: list[str]


class Units(TypedDict):
    """data/units.toml"""

    default_family: str
    dimensions: dict[str, dict[str, str | UnitSpec]]
    prefixes: dict[str, list[str] | str]
    half: UnitsHalf
    colloquial: dict[str, list[str] | str]
    count: UnitsCount
    not_units: UnitsNotUnits
    compound: UnitsCompound


class MeaningPeriod(TypedDict):
    """[period] of data/meaning.toml"""

    anchors: str
    anchor_reach: int
    year_word: str
    month_words: list[str]
    months: dict[str, int]
    relative_years: dict[str, int]
    parts: dict[str, list[int]]
    first_months: list[str]
    year_suffixes: list[str]
    month_suffixes: list[str]
    range_joiners: list[str]
    five_year_quotes: str
    five_year_ten: str
    five_year_word: str
    five_year_first: int
    five_year_first_number: int
    five_year_suffixes: list[str]
    five_year_horizon_suffixes: list[str]
    five_year_name_after: list[str]
    comparison_prefixes: list[str]
    comparison_suffixes: list[str]
    event_suffixes: list[str]
    event_window: int
    before_word: str
    item_end: str
    clause_openers: str
    review_headings: list[str]
    bare_year_followers: list[str]


class MeaningRole(TypedDict):
    """[role] of data/meaning.toml"""

    target: list[str]
    actual: list[str]
    forecast: list[str]
    not_cues: list[str]
    noun_cues: list[str]
    noun_cue_name_heads: list[str]
    noun_cue_after_quote: str
    change_from: list[str]
    change_to: list[str]
    plan_headings: list[str]
    disposal_word: str
    disposal_verbs: list[str]
    disposal_window: int
    horizon_prefixes: list[str]
    not_horizon_prefixes: list[str]
    scope_end: str
    list_colon: str


class MeaningMetric(TypedDict):
    """[metric] of data/meaning.toml"""

    clause_marks: str
    edge_marks: str
    footnote_mark: str
    quote_pairs: list[str]
    enum_mark: str
    enum_item_max: int
    leading: list[str]
    keep_leading: list[str]
    trailing: list[str]
    relative_starts: list[str]
    growth_ends: list[str]
    respectively: list[str]
    group_joiners: list[str]
    aggregate_ends: list[str]
    pivot_verbs: list[str]
    from_markers: list[str]
    not_from: list[str]
    locative: str
    locative_subject_max: int
    particle: str
    division_markers: list[str]
    division_verbs: list[str]
    predicate_starts: list[str]
    copulas: list[str]
    after_leading: list[str]
    after_breakers: list[str]
    not_breakers: list[str]
    after_trailing: list[str]
    bare_predicates: list[str]
    duration_units: list[str]
    person_units: list[str]
    verbs: list[str]
    tail_ends: list[str]
    tail_max: int
    demonstratives: list[str]


class MeaningSubject(TypedDict):
    """[subject] of data/meaning.toml"""

    names: list[str]
    suffixes: dict[str, list[int]]
    not_names: list[str]
    cut_after: list[str]
    not_starts: str


class Meaning(TypedDict):
    """data/meaning.toml"""

    period: MeaningPeriod
    role: MeaningRole
    metric: MeaningMetric
    subject: MeaningSubject


class CompareNormalise(TypedDict):
    """[normalise] of data/compare.toml"""

    filler: list[str]
    punctuation: str


class CompareSpan(TypedDict):
    """[span] of data/compare.toml"""

    words: list[str]


class CompareFuzzy(TypedDict):
    """[fuzzy] of data/compare.toml"""

    threshold: float
    change_words: list[str]


class CompareCeiling(TypedDict):
    """[ceiling] of data/compare.toml"""

    metrics: list[str]
    words: list[str]


class CompareDecrease(TypedDict):
    """[decrease] of data/compare.toml"""

    words: list[str]


class ComparePeriod(TypedDict):
    """[period] of data/compare.toml"""

    previous_year: list[str]
    comparison_before: list[str]
    current_year: list[str]


class CompareSubjects(TypedDict):
    """[subjects] of data/compare.toml"""

    default: list[str]


class Compare(TypedDict):
    """data/compare.toml"""

    normalise: CompareNormalise
    variants: dict[str, str]
    span: CompareSpan
    fuzzy: CompareFuzzy
    metrics: dict[str, list[str]]
    ceiling: CompareCeiling
    decrease: CompareDecrease
    period: ComparePeriod
    subjects: CompareSubjects


class TablesUnitLine(TypedDict):
    """[unit_line] of data/tables.toml"""

    cues: list[str]
    separators: list[str]


class TablesColumns(TypedDict):
    """[columns] of data/tables.toml"""

    unit_headers: list[str]
    sequence_headers: list[str]
    measure_words: list[str]
    level_words: list[str]
    target_words: list[str]


class TablesPeriods(TypedDict):
    """[periods] of data/tables.toml"""

    current: list[str]
    previous: list[str]


class TablesCells(TypedDict):
    """[cells] of data/tables.toml"""

    empty: list[str]
    negative_open: list[str]
    negative_close: list[str]
    footnote: str


class TablesLabels(TypedDict):
    """[labels] of data/tables.toml"""

    prefixes: list[str]
    numbering: str
    ratio_ends: list[str]


class TablesCaption(TypedDict):
    """[caption] of data/tables.toml"""

    note_marks: list[str]
    table_mark: str
    max_length: int


class Tables(TypedDict):
    """data/tables.toml"""

    unit_line: TablesUnitLine
    columns: TablesColumns
    periods: TablesPeriods
    cells: TablesCells
    labels: TablesLabels
    caption: TablesCaption


class ViewFamilyLabels(TypedDict):
    """[family_labels] of data/view.toml"""

    money: str
    percent: str
    count: str
    physical: str
    time: str


class ViewRoles(TypedDict):
    """[roles] of data/view.toml"""

    actual: str
    target: str
    forecast: str


class ViewRoleBadges(TypedDict):
    """[role_badges] of data/view.toml"""

    actual: str
    target: str
    forecast: str


class ViewRoleColours(TypedDict):
    """[role_colours] of data/view.toml"""

    actual: str
    target: str
    forecast: str


class ViewBounds(TypedDict):
    """[bounds] of data/view.toml"""

    exact: str
    approx: str
    lower: str
    upper: str


class ViewMagnitudes(TypedDict):
    """[magnitudes] of data/view.toml"""

    words: list[list[float | str]]
    scaled_families: list[str]


class ViewLabels(TypedDict):
    """[labels] of data/view.toml"""

    empty: str
    spaced_units: list[str]


class ViewStatus(TypedDict):
    """[status] of data/view.toml"""

    met: str
    exceeded: str
    missed: str
    pending: str


class ViewStatusBadges(TypedDict):
    """[status_badges] of data/view.toml"""

    met: str
    exceeded: str
    missed: str
    pending: str


class ViewStatusColours(TypedDict):
    """[status_colours] of data/view.toml"""

    met: str
    exceeded: str
    missed: str
    pending: str


class ViewColumns(TypedDict):
    """[columns] of data/view.toml"""

    doc: str
    topic: str
    article: str
    source: str
    sentence: str
    mention: str
    value: str
    value_max: str
    unit: str
    bound: str
    period: str
    role: str
    metric: str
    subject: str
    start: str
    end: str
    doc_date: str
    _badge: str
    _value_text: str
    _role: str
    _sentence: str


class ViewPairColumns(TypedDict):
    """[pair_columns] of data/view.toml"""

    status: str
    metric: str
    subject: str
    period: str
    role: str
    target: str
    actual: str
    gap: str
    target_mention: str
    actual_mention: str
    target_doc: str
    actual_doc: str


class ViewText(TypedDict):
    """[text] of data/view.toml"""

    other: str
    other_rest: str
    count_axis: str
    count: str
    total: str
    median: str
    value_axis: str
    log_scale: str
    period_axis: str
    year_axis: str
    series_title: str
    series_title_median: str
    largest_title: str
    bullet_title: str
    bullet_more: str
    source: str
    gap_points: str
    track_title: str
    track_target: str
    track_actual: str
    track_band: str
    card_docs: str
    card_figures: str
    card_goals: str
    card_decided: str
    card_met: str
    card_met_value: str
    card_largest: str
    card_figures_help: str
    card_goals_help: str
    card_met_help: str


class ViewUi(TypedDict):
    """[ui] of data/view.toml"""

    title: str
    page_title: str
    data: str
    upload: str
    upload_help: str
    upload_button: str
    upload_drop: str
    upload_limit: str
    sample: str
    sample_help: str
    filters: str
    advanced: str
    mapping_path: str
    mapping_help: str
    f_doc: str
    f_doc_all: str
    f_topic: str
    f_topic_all: str
    f_source: str
    f_source_all: str
    f_article: str
    f_article_all: str
    f_family: str
    f_family_all: str
    f_role: str
    f_role_all: str
    f_period: str
    f_undated: str
    f_search: str
    f_search_hint: str
    loading: str
    cannot_read: str
    no_figures: str
    no_figures_rest: str
    summary: str
    tab_charts: str
    tab_table: str
    tab_targets: str
    tab_track: str
    none_match: str
    grouped: str
    by_topic: str
    by_source: str
    topic_axis: str
    source_axis: str
    unlabelled_topic: str
    unlabelled_source: str
    nothing_labelled: str
    over_time: str
    no_dated: str
    unit: str
    family: str
    metric: str
    series_help: str
    series_aggregated: str
    largest: str
    largest_n: str
    log: str
    click_bar: str
    table_caption: str
    sort_value: str
    download_csv: str
    download_xlsx: str
    chinese_headers: str
    chinese_headers_help: str
    pairing: str
    too_many: str
    pair_within: str
    bad_mapping: str
    status: str
    status_all: str
    no_goals: str
    chart_unit: str
    no_results_yet: str
    pick_pair: str
    status_rule: str
    actual: str
    no_actual: str
    correct: str
    choose_actual: str
    choose_placeholder: str
    no_period: str
    save_pair: str
    reject: str
    reject_help: str
    undo: str
    cannot_save: str
    indicator: str
    no_indicators: str
    track_help: str
    download_series: str


class View(TypedDict):
    """data/view.toml"""

    family_labels: ViewFamilyLabels
    roles: ViewRoles
    role_badges: ViewRoleBadges
    role_colours: ViewRoleColours
    bounds: ViewBounds
    magnitudes: ViewMagnitudes
    labels: ViewLabels
    status: ViewStatus
    status_badges: ViewStatusBadges
    status_colours: ViewStatusColours
    columns: ViewColumns
    pair_columns: ViewPairColumns
    text: ViewText
    ui: ViewUi


#: the schema of each data file, by name (``data/NAME.toml``)
FILES: dict[str, type] = {
    "numbers": Numbers,
    "layout": Layout,
    "units": Units,
    "meaning": Meaning,
    "compare": Compare,
    "tables": Tables,
    "view": View,
}
