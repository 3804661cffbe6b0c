"""Organisation catalog: hand-curated revenue or budget, R&D spend and AI spending.

One row per organisation: large technology companies, AI labs, universities,
public research funders and national AI programmes. Money is nominal US
dollars of the stated year (converted at that year's average exchange rate
where the organisation reports in another currency; the source says so).
Blank where the organisation publishes no figure.

Conventions
-----------
* ``revenue_or_budget_kind``: ``revenue`` (companies, labs), ``budget``
  (annual budget, income or operating expenditure of a university, funder or
  programme; the source says which), ``commitment`` (the total announced for a
  multi-year programme; the source names the period).
* Years: a fiscal year is labelled by the calendar year that holds most of its
  months (Microsoft FY2024 = Jul 2023-Jun 2024 -> 2024; NVIDIA FY2025 =
  Feb 2024-Jan 2025 -> 2024; UK 2024-25 -> 2024). ``year`` is the most recent
  of the figure years in the row.
* ``rd_spend_usd``: research and development expense as reported (Amazon
  reports no R&D line: its "technology and infrastructure" expense is used and
  named as such).
* ``ai_capex_usd``: purchases of property and equipment from the cash-flow
  statement, given only where the company says the bulk of it goes to AI /
  datacentre build-out (hyperscalers, Oracle, Tencent) or where AI capex is
  credibly reported on its own (ByteDance). Left blank where capital spending
  is mostly factories, fabs or retail (Apple, NVIDIA, Samsung, Tesla, IBM).
* ``compute_owned_h100e``: H100-equivalent accelerators owned, from company
  statements or chip counts of named systems. GH200/H200/H800 count as one
  H100e each (same dense BF16 peak as an H100 SXM); other chips are not
  converted here. Rented or contracted capacity is not counted.
* Exchange rates are approximate annual averages (Federal Reserve H.10 /
  IRS yearly average rates), rounded as written in ``FX_PER_USD``; converted
  figures are rounded to four significant digits.
"""

from __future__ import annotations

from .common import join_aliases

FILE = "organisations.csv"
COLUMNS = [
    "name", "display_name", "aliases", "kind", "country_iso3",
    "revenue_or_budget_usd", "revenue_or_budget_kind", "revenue_or_budget_year",
    "rd_spend_usd", "rd_spend_year",
    "ai_capex_usd", "ai_capex_year",
    "compute_owned_h100e", "compute_owned_year",
    "source", "year",
]
REQUIRED: list[str] = [
    "microsoft", "alphabet", "amazon", "meta", "openai", "anthropic", "google-deepmind",
    "mit", "stanford", "nsf", "ukri", "uk-airr", "india-ai-mission",
]

KINDS = ("company", "ai_lab", "university", "public_funder", "national_programme")
MONEY_KINDS = ("revenue", "budget", "commitment")

# Units of currency per US dollar, approximate annual averages.
FX_PER_USD = {
    ("CNY", 2023): 7.084, ("CNY", 2024): 7.19,
    ("KRW", 2024): 1364.0,
    ("GBP", 2020): 1 / 1.284, ("GBP", 2023): 1 / 1.2435, ("GBP", 2024): 1 / 1.278,
    ("EUR", 2021): 1 / 1.183, ("EUR", 2024): 1 / 1.082, ("EUR", 2025): 1 / 1.13,
    ("CHF", 2018): 0.978,
    ("JPY", 2018): 110.4,
    ("ZAR", 2024): 18.33,
    ("BRL", 2024): 5.39,
    ("INR", 2024): 83.7,
    ("CAD", 2024): 1.37,
}


def _sig4(x: float) -> float:
    return float(f"{x:.4g}")


def usd(amount: float, currency: str, year: int) -> float:
    """``amount`` of ``currency`` in US dollars at the ``year`` average rate."""
    return _sig4(amount / FX_PER_USD[(currency, year)])


def fx(currency: str, year: int) -> str:
    """Text naming the rate used, for the source string."""
    rate = FX_PER_USD[(currency, year)]
    if rate < 1:
        return f"converted at the {year} average of {1 / rate:.4g} USD/{currency}"
    return f"converted at the {year} average of {rate:.4g} {currency}/USD"


def _aliases(name: str, display: str, aliases: list[str]) -> str:
    """The aliases plus the display name (so it resolves too)."""
    return join_aliases(name, [display, *aliases])


def O(name, display, aliases, kind, iso3, *, rev=None, rev_kind=None, rev_year=None,  # noqa: E743
      rd=None, rd_year=None, capex=None, capex_year=None, h100e=None, h100e_year=None,
      source, year=None):
    """One organisation row; ``year`` defaults to the latest figure year."""
    if kind not in KINDS:
        raise ValueError(f"{name}: kind {kind!r} not in {KINDS}")
    if rev is not None and rev_kind not in MONEY_KINDS:
        raise ValueError(f"{name}: revenue_or_budget_kind {rev_kind!r} not in {MONEY_KINDS}")
    for value, when, label in ((rev, rev_year, "revenue_or_budget"), (rd, rd_year, "rd_spend"),
                               (capex, capex_year, "ai_capex"), (h100e, h100e_year, "compute_owned")):
        if (value is None) != (when is None):
            raise ValueError(f"{name}: {label} value and year must both be given or both blank")
        if value is not None and value < 0:
            raise ValueError(f"{name}: {label} is negative")
    years = [y for y in (rev_year, rd_year, capex_year, h100e_year) if y is not None]
    if year is None:
        if not years:
            raise ValueError(f"{name}: no figure year, give year=")
        year = max(years)
    return dict(name=name, display_name=display, aliases=_aliases(name, display, aliases), kind=kind,
                country_iso3=iso3, revenue_or_budget_usd=rev,
                revenue_or_budget_kind=rev_kind if rev is not None else None,
                revenue_or_budget_year=rev_year, rd_spend_usd=rd, rd_spend_year=rd_year,
                ai_capex_usd=capex, ai_capex_year=capex_year,
                compute_owned_h100e=h100e, compute_owned_year=h100e_year,
                source=source, year=year)


# --------------------------------------------------------------------------
# Large technology companies
# --------------------------------------------------------------------------

COMPANIES = [
    O("microsoft", "Microsoft", ["Microsoft Corporation", "MSFT"], "company", "USA",
      rev=245.122e9, rev_kind="revenue", rev_year=2024, rd=29.510e9, rd_year=2024,
      capex=44.477e9, capex_year=2024,
      source="Microsoft FY2024 Form 10-K (year to 30 Jun 2024): total revenue, research and development "
             "expense, additions to property and equipment (cash; excludes finance leases); no owned-GPU "
             "count published"),
    O("alphabet", "Alphabet (Google)", ["Alphabet Inc.", "Google", "Google LLC", "GOOGL"], "company", "USA",
      rev=350.018e9, rev_kind="revenue", rev_year=2024, rd=49.326e9, rd_year=2024,
      capex=52.535e9, capex_year=2024,
      source="Alphabet 2024 Form 10-K: total revenues, research and development expense, purchases of "
             "property and equipment; TPU/GPU fleet size not published"),
    O("amazon", "Amazon", ["Amazon.com", "Amazon.com Inc.", "AWS", "Amazon Web Services", "AMZN"],
      "company", "USA",
      rev=637.959e9, rev_kind="revenue", rev_year=2024, rd=88.544e9, rd_year=2024,
      capex=83.004e9, capex_year=2024,
      source="Amazon 2024 Form 10-K: total net sales; 'technology and infrastructure' operating expense "
             "(Amazon reports no separate R&D line); purchases of property and equipment (cash, before "
             "proceeds and incentives)"),
    O("meta", "Meta Platforms", ["Meta Platforms Inc.", "Facebook", "Meta AI", "FAIR"], "company", "USA",
      rev=164.501e9, rev_kind="revenue", rev_year=2024, rd=43.873e9, rd_year=2024,
      capex=37.256e9, capex_year=2024, h100e=600_000, h100e_year=2024,
      source="Meta Q4 and full-year 2024 results release (29 Jan 2025) and 2024 Form 10-K: revenue, research "
             "and development, purchases of property and equipment ($39.23bn including principal payments on "
             "finance leases); Mark Zuckerberg public post of 18 Jan 2024: about 350,000 H100s and almost "
             "600,000 H100-equivalents of compute by end-2024"),
    O("apple", "Apple", ["Apple Inc.", "AAPL"], "company", "USA",
      rev=391.035e9, rev_kind="revenue", rev_year=2024, rd=31.370e9, rd_year=2024,
      source="Apple FY2024 Form 10-K (year to 28 Sep 2024): net sales, research and development; capital "
             "expenditure not given here because it is not mostly AI datacentres"),
    O("nvidia", "NVIDIA", ["NVIDIA Corporation", "NVDA"], "company", "USA",
      rev=130.497e9, rev_kind="revenue", rev_year=2024, rd=12.914e9, rd_year=2024,
      source="NVIDIA fiscal 2025 Form 10-K (year to 26 Jan 2025, labelled 2024 here): revenue, research and "
             "development; own-use clusters (e.g. Eos) not counted"),
    O("oracle", "Oracle", ["Oracle Corporation", "ORCL", "Oracle Cloud Infrastructure"], "company", "USA",
      rev=57.399e9, rev_kind="revenue", rev_year=2024, rd=9.9e9, rd_year=2024,
      capex=21.2e9, capex_year=2024,
      source="Oracle fiscal 2025 results release (11 Jun 2025) and Form 10-K (year to 31 May 2025, labelled "
             "2024 here): total revenues $57.4bn, research and development about $9.9bn, capital "
             "expenditure about $21.2bn (mostly cloud infrastructure)"),
    O("tencent", "Tencent", ["Tencent Holdings"], "company", "CHN",
      rev=usd(660.257e9, "CNY", 2024), rev_kind="revenue", rev_year=2024,
      rd=usd(70.686e9, "CNY", 2024), rd_year=2024, capex=usd(76.760e9, "CNY", 2024), capex_year=2024,
      source="Tencent 2024 annual results announcement (Mar 2025): revenue RMB660.26bn, R&D expenses "
             f"RMB70.69bn, capital expenditure RMB76.76bn; {fx('CNY', 2024)}"),
    O("alibaba", "Alibaba Group", ["Alibaba Group Holding", "Alibaba Cloud", "Aliyun", "BABA"],
      "company", "CHN",
      rev=usd(996.347e9, "CNY", 2024), rev_kind="revenue", rev_year=2024,
      source="Alibaba fiscal year 2025 results announcement (15 May 2025; year to 31 Mar 2025, labelled 2024 "
             f"here): revenue RMB996.35bn; {fx('CNY', 2024)}. R&D and capex left blank (not confirmed); "
             "Alibaba announced in Feb 2025 it would spend over RMB380bn on cloud and AI infrastructure over "
             "three years"),
    O("baidu", "Baidu", ["Baidu Inc.", "BIDU"], "company", "CHN",
      rev=usd(133.125e9, "CNY", 2024), rev_kind="revenue", rev_year=2024,
      rd=usd(22.13e9, "CNY", 2024), rd_year=2024,
      source="Baidu fourth-quarter and fiscal year 2024 results (18 Feb 2025) and 2024 Form 20-F: total "
             f"revenues RMB133.13bn, research and development RMB22.13bn; {fx('CNY', 2024)}"),
    O("bytedance", "ByteDance", ["ByteDance Ltd"], "company", "CHN",
      rev=155e9, rev_kind="revenue", rev_year=2024, capex=usd(80e9, "CNY", 2024), capex_year=2024,
      source="Private company, no published accounts. Revenue about $155bn in 2024 as reported by The "
             "Information and Reuters from figures shared with investors; AI capital spending about RMB80bn "
             f"in 2024 as reported by LatePost / Financial Times (Dec 2024), {fx('CNY', 2024)}"),
    O("huawei", "Huawei", ["Huawei Technologies", "Huawei Investment & Holding"], "company", "CHN",
      rev=usd(862.072e9, "CNY", 2024), rev_kind="revenue", rev_year=2024,
      rd=usd(179.7e9, "CNY", 2024), rd_year=2024,
      source="Huawei 2024 Annual Report (Mar 2025): revenue CNY862.1bn, R&D expenditure CNY179.7bn; "
             f"{fx('CNY', 2024)}"),
    O("samsung", "Samsung Electronics", ["Samsung Electronics Co."], "company", "KOR",
      rev=usd(300.87e12, "KRW", 2024), rev_kind="revenue", rev_year=2024,
      rd=usd(35.0e12, "KRW", 2024), rd_year=2024,
      source="Samsung Electronics 2024 annual results (Jan 2025) and business report: revenue KRW300.9tn, "
             f"R&D expenses about KRW35.0tn; {fx('KRW', 2024)}; capex (mostly memory fabs) not given"),
    O("ibm", "IBM", ["International Business Machines"], "company", "USA",
      rev=62.753e9, rev_kind="revenue", rev_year=2024, rd=7.479e9, rd_year=2024,
      source="IBM 2024 Form 10-K: total revenue, research, development and engineering expense; capex not "
             "mostly AI datacentres"),
    O("xai", "xAI", ["xAI Corp", "xAI Holdings"], "company", "USA",
      h100e=100_000, h100e_year=2024,
      source="Private company, no published accounts. xAI / Elon Musk statements (Sep 2024): Colossus "
             "training cluster in Memphis online with 100,000 H100 GPUs (later expansions with H200/GB200 "
             "not counted here)"),
    O("tesla", "Tesla", ["Tesla Inc.", "TSLA"], "company", "USA",
      rev=97.690e9, rev_kind="revenue", rev_year=2024, rd=4.540e9, rd_year=2024,
      h100e=50_000, h100e_year=2024,
      source="Tesla 2024 Form 10-K: total revenues, research and development; total capex $11.34bn is mostly "
             "vehicle and energy factories so not given as AI capex (Q1 2024 update: AI infrastructure capex "
             "$1.0bn in that quarter); Tesla Q4 2024 update: Cortex training cluster of about 50,000 H100 "
             "completed in Texas (a lower bound: the Q1 2024 update reported about 40,000 H100-equivalents "
             "before Cortex)"),
]


# --------------------------------------------------------------------------
# AI labs
# --------------------------------------------------------------------------

LABS = [
    O("openai", "OpenAI", ["OpenAI Inc.", "OpenAI Group PBC", "OpenAI Global"], "ai_lab", "USA",
      rev=3.7e9, rev_kind="revenue", rev_year=2024,
      source="Private company, no published accounts. 2024 revenue about $3.7bn (with a loss of about $5bn) "
             "as reported by The New York Times and CNBC from investor documents; CFO Sarah Friar blog post "
             "(Jan 2026): annualised revenue above $20bn and about 1.9 GW of compute capacity in 2025, mostly "
             "rented from partners, so no owned-GPU figure"),
    O("anthropic", "Anthropic", ["Anthropic PBC"], "ai_lab", "USA", year=2026,
      source="Private company, no published accounts or full-year revenue; only annualised run-rates have "
             "been disclosed (about $9bn at end-2025, over $30bn in Apr 2026 per company statements) and "
             "compute is rented (AWS Trainium, Google TPU, Microsoft Azure), so all figures are left blank"),
    O("google-deepmind", "Google DeepMind", ["DeepMind", "DeepMind Technologies Limited", "GDM"],
      "ai_lab", "GBR",
      rev=usd(826.2e6, "GBP", 2020), rev_kind="revenue", rev_year=2020,
      source="DeepMind Technologies Ltd annual accounts filed at UK Companies House for 2020 (as reported by "
             "CNBC, Oct 2021): turnover GBP826.2m, almost all service fees from other Alphabet companies; "
             f"{fx('GBP', 2020)}. Later accounts not confirmed here; compute belongs to Alphabet"),
    O("mistral-ai", "Mistral AI", ["Mistral", "Mistral AI SAS"], "ai_lab", "FRA", year=2025,
      source="Private company; no audited revenue or owned-compute figure confirmed. Raised EUR600m (Jun "
             "2024) and EUR1.7bn led by ASML (Sep 2025); announced 'Mistral Compute' with NVIDIA (Jun 2025), "
             "not yet counted as owned"),
    O("cohere", "Cohere", ["Cohere Inc."], "ai_lab", "CAN", year=2025,
      source="Private company; only annualised revenue run-rates reported in the press (about $100m in "
             "2025), no full-year revenue or owned compute published"),
    O("ai21-labs", "AI21 Labs", ["AI21", "AI21 Labs Ltd"], "ai_lab", "ISR", year=2023,
      source="Private company; no revenue or compute figures published (raised $208m Series C in 2023 as "
             "announced by the company)"),
    O("aleph-alpha", "Aleph Alpha", ["Aleph Alpha GmbH"], "ai_lab", "DEU", year=2023,
      source="Private company; no confirmed revenue or compute figures (announced a $500m+ Series B in Nov "
             "2023, much of it grants and commitments)"),
    O("deepseek", "DeepSeek", ["DeepSeek-AI", "Hangzhou DeepSeek Artificial Intelligence"], "ai_lab", "CHN",
      year=2024,
      source="Private company funded by the hedge fund High-Flyer; no financial figures published. "
             "DeepSeek-V3 technical report (arXiv:2412.19437): trained on a 2,048-GPU H800 cluster; "
             "High-Flyer's Fire-Flyer 2 paper (arXiv:2408.14158) describes 10,000 PCIe A100s. Total fleet "
             "not published (press estimates vary widely), so compute is left blank"),
    O("zhipu-ai", "Zhipu AI", ["Zhipu", "Z.ai", "Beijing Zhipu Huazhang Technology", "Knowledge Atlas"],
      "ai_lab", "CHN",
      rev=usd(312e6, "CNY", 2024), rev_kind="revenue", rev_year=2024,
      source="Zhipu Hong Kong listing prospectus (Dec 2025) as reported by the financial press: revenue "
             f"RMB312m in 2024 (net loss about RMB2.96bn); {fx('CNY', 2024)}"),
    O("moonshot-ai", "Moonshot AI", ["Moonshot", "Beijing Moonshot AI Technology"], "ai_lab", "CHN",
      year=2024,
      source="Private company (maker of the Kimi assistant); no revenue or compute figures published. "
             "Raised over $1bn in a round led by Alibaba (Feb 2024, as reported by Bloomberg)"),
    O("hugging-face", "Hugging Face", ["Hugging Face Inc."], "ai_lab", "USA", year=2024,
      source="Private company; no audited revenue published (press reports give annualised figures only). "
             "Committed $10m of shared GPUs for the community ZeroGPU programme (May 2024); no owned-GPU count"),
    O("ai2", "Allen Institute for AI", ["Allen Institute for Artificial Intelligence", "AllenAI"],
      "ai_lab", "USA", year=2025,
      source="Non-profit research institute founded by Paul Allen; annual expenses not confirmed here "
             "(published in its IRS Form 990). NSF and NVIDIA announced $152m for the AI2-led Open Multimodal "
             "AI Infrastructure project (Aug 2025; a project award, not its budget)"),
    O("eleutherai", "EleutherAI", ["EleutherAI Institute", "Eleuther"], "ai_lab", "USA", year=2023,
      source="Non-profit research collective (incorporated as a non-profit institute in 2023); no budget or "
             "owned compute published, its training runs used donated cloud and partner compute"),
]


# --------------------------------------------------------------------------
# Universities
# --------------------------------------------------------------------------

UNIVERSITIES = [
    O("mit", "Massachusetts Institute of Technology", ["Massachusetts Institute of Technology"],
      "university", "USA",
      rev=4.9e9, rev_kind="budget", rev_year=2023,
      source="MIT IRS Form 990 for the fiscal year ended 30 Jun 2023 (as summarised by Accounting Insights): "
             "total expenses about $4.9bn (revenue about $4.95bn); treated as annual operating expenditure"),
    O("stanford", "Stanford University", ["Leland Stanford Junior University"], "university", "USA",
      rev=9.7e9, rev_kind="budget", rev_year=2025,
      source="Stanford University 2024-25 Budget Plan as presented to the Faculty Senate (Stanford Report, "
             "May 2024): Consolidated Budget for Operations $9.7bn (projected expenses $9.5bn); fiscal year "
             "Sep 2024-Aug 2025"),
    O("harvard", "Harvard University", ["President and Fellows of Harvard College"], "university", "USA",
      rev=6.4e9, rev_kind="budget", rev_year=2024,
      source="Harvard University Financial Report fiscal year 2024 (year to 30 Jun 2024): operating "
             "expenses about $6.4bn (operating revenue about $6.5bn)"),
    O("oxford", "University of Oxford", ["Oxford University"], "university", "GBR",
      rev=usd(3.1e9, "GBP", 2024), rev_kind="budget", rev_year=2024,
      source="University of Oxford Financial Statements 2023/24 (year to 31 Jul 2024; staff news summary): "
             f"total consolidated income GBP3.1bn, used as the annual budget; {fx('GBP', 2024)}"),
    O("cambridge", "University of Cambridge", ["Cambridge University"], "university", "GBR", year=2024,
      source="University of Cambridge Reports and Financial Statements (year to 31 Jul 2024) publish group "
             "income including Cambridge University Press & Assessment; the academic-university figure was "
             "not confirmed here, so left blank. Hosts the Dawn AI supercomputer (part of the UK AIRR, "
             "Intel GPUs, counted under uk-airr)"),
    O("eth-zurich", "ETH Zurich", ["ETH", "ETH Zürich", "Swiss Federal Institute of Technology Zurich", "ETHZ"],
      "university", "CHE",
      rev=usd(1.8e9, "CHF", 2018), rev_kind="budget", rev_year=2018, h100e=10_752, h100e_year=2024,
      source="ETH Zurich Annual Report 2018: budget about CHF1.8bn (incl. CHF1.3bn federal contribution); "
             f"{fx('CHF', 2018)}. Compute: the Alps supercomputer of CSCS (the Swiss National Supercomputing "
             "Centre, a unit of ETH Zurich serving all Swiss research) with 10,752 NVIDIA GH200 superchips "
             "(2024), counted as one H100e each"),
    O("tsinghua", "Tsinghua University", ["Qinghua University"], "university", "CHN",
      rev=usd(41.093e9, "CNY", 2023), rev_kind="budget", rev_year=2023,
      source="Tsinghua University 2023 departmental budget as reported in the Chinese press: total budget "
             f"RMB41.09bn, of which RMB4.76bn state appropriation; {fx('CNY', 2023)}"),
    O("utokyo", "University of Tokyo", ["Todai", "Tokyo University"], "university", "JPN",
      rev=usd(258.819e9, "JPY", 2018), rev_kind="budget", rev_year=2018,
      source="University of Tokyo finances page: budgeted expenditure for fiscal 2018 JPY258.8bn (incl. the "
             f"university hospital); {fx('JPY', 2018)}"),
    O("uct", "University of Cape Town", [], "university", "ZAF",
      rev=usd(8.53e9, "ZAR", 2024), rev_kind="budget", rev_year=2024,
      source="UCT financial performance for 2024 (CFO letter, Aug 2025, from the audited 2024 annual "
             f"report): total expenditure R8.53bn (revenue R8.68bn); {fx('ZAR', 2024)}"),
    O("uonbi", "University of Nairobi", ["UoN"], "university", "KEN", year=2024,
      source="No recent published budget or expenditure confirmed (annual reports online stop at the 2000s); "
             "left blank"),
    O("iit-bombay", "IIT Bombay", ["Indian Institute of Technology Bombay", "IITB"], "university", "IND",
      year=2024,
      source="Annual accounts are published by the institute but the total was not confirmed here; left blank"),
    O("usp", "Universidade de São Paulo",
      ["University of São Paulo", "Universidade de Sao Paulo", "University of Sao Paulo"],
      "university", "BRA",
      rev=usd(8.6e9, "BRL", 2024), rev_kind="budget", rev_year=2024,
      source="Jornal da USP (Dec 2023): University Council approved the 2024 budget of about R$8.6bn (R$7.7bn "
             f"state ICMS transfer, R$0.92bn own revenue); {fx('BRL', 2024)}"),
]


# --------------------------------------------------------------------------
# Public research funders
# --------------------------------------------------------------------------

FUNDERS = [
    O("nsf", "US National Science Foundation", ["National Science Foundation", "US NSF"],
      "public_funder", "USA",
      rev=9.06e9, rev_kind="budget", rev_year=2024,
      source="NSF FY2024 enacted appropriation about $9.06bn (Consolidated Appropriations Act 2024, as "
             "reported by NSF and AIP FYI)"),
    O("ukri", "UK Research and Innovation", ["UK Research and Innovation"], "public_funder", "GBR",
      rev=usd(8.874e9, "GBP", 2024), rev_kind="budget", rev_year=2024,
      source="BEIS R&D allocation to UKRI 2022-23 to 2024-25 (gov.uk, May 2022): UKRI budget GBP8.874bn in "
             f"2024-25; {fx('GBP', 2024)}"),
    O("erc", "European Research Council", ["European Research Council", "ERC Executive Agency"],
      "public_funder", "BEL",
      rev=usd(16.0e9, "EUR", 2021), rev_kind="commitment", rev_year=2021,
      source="Horizon Europe regulation (EU) 2021/695: ERC budget about EUR16bn for 2021-2027 (total "
             f"commitment, not annual); {fx('EUR', 2021)}"),
    O("horizon-europe", "Horizon Europe", ["Horizon Europe programme", "FP9"], "public_funder", "BEL",
      rev=usd(95.5e9, "EUR", 2021), rev_kind="commitment", rev_year=2021,
      source="European Commission, Horizon Europe budget: EUR95.5bn for 2021-2027 including the "
             f"NextGenerationEU top-up (total commitment); {fx('EUR', 2021)}"),
    O("dfg", "Deutsche Forschungsgemeinschaft", ["German Research Foundation"], "public_funder", "DEU",
      rev=usd(3.9e9, "EUR", 2024), rev_kind="budget", rev_year=2024,
      source="DFG Jahresbericht 2024 (as reported by Forschung & Lehre, Jul 2025): about EUR3.9bn awarded to "
             f"30,944 projects in 2024; {fx('EUR', 2024)}"),
    O("nsfc", "National Natural Science Foundation of China",
      ["National Natural Science Foundation of China"], "public_funder", "CHN",
      rev=usd(31.8e9, "CNY", 2023), rev_kind="budget", rev_year=2023,
      source="Xinhua (Apr 2024) reporting the NSFC committee meeting: over 52,000 projects funded in 2023 "
             f"with a total of over RMB31.8bn; {fx('CNY', 2023)}"),
    O("india-dst", "India Department of Science and Technology",
      ["Department of Science and Technology", "DST India"], "public_funder", "IND",
      rev=usd(80.29e9, "INR", 2024), rev_kind="budget", rev_year=2024,
      source="Union Budget 2024-25 as reported by The Hindu (Jul 2024): DST allocation Rs8,029 crore "
             f"(actual 2023-24 use Rs4,892 crore); {fx('INR', 2024)}"),
]


# --------------------------------------------------------------------------
# National (and continental) AI programmes
# --------------------------------------------------------------------------

PROGRAMMES = [
    O("us-nairr", "US National AI Research Resource (NAIRR) pilot",
      ["NAIRR", "NAIRR Pilot", "National AI Research Resource"], "national_programme", "USA", year=2025,
      source="NSF NAIRR pilot (launched Jan 2024) runs on in-kind contributions from 14 agencies and 28 "
             "companies, with no dedicated appropriation; NSF solicitation (Sep 2025) offers up to $35m for a "
             "NAIRR Operations Center; the NAIRR Task Force final report (Jan 2023) recommended $2.6bn over "
             "six years, not enacted. Left blank"),
    O("uk-airr", "UK AI Research Resource (Isambard-AI and Dawn)",
      ["AI Research Resource", "AIRR", "Isambard-AI"], "national_programme", "GBR",
      rev=usd(300e6, "GBP", 2023), rev_kind="commitment", rev_year=2023, h100e=5_448, h100e_year=2025,
      source="UK government announcement at the AI Safety Summit (Nov 2023): GBP300m for the AI Research "
             f"Resource (Isambard-AI in Bristol and Dawn in Cambridge); {fx('GBP', 2023)}. Compute: "
             "Isambard-AI full system of 5,448 NVIDIA GH200 superchips (University of Bristol, 2025), one "
             "H100e each; Dawn's Intel GPUs not converted"),
    O("eurohpc", "EuroHPC Joint Undertaking (incl. EU AI Factories)",
      ["EuroHPC JU", "EuroHPC Joint Undertaking", "EU AI Factories"], "national_programme", "LUX",
      rev=usd(7.0e9, "EUR", 2021), rev_kind="commitment", rev_year=2021,
      source="Council Regulation (EU) 2021/1173 establishing the EuroHPC JU: budget of about EUR7bn for "
             "2021-2027 (EU plus participating states), later extended to AI Factories; "
             f"{fx('EUR', 2021)}. Owned GPUs are spread across hosting sites and not summed here"),
    O("eu-investai", "EU InvestAI initiative", ["InvestAI", "EU AI Gigafactories"],
      "national_programme", "BEL",
      rev=usd(200e9, "EUR", 2025), rev_kind="commitment", rev_year=2025,
      source="European Commission announcement at the Paris AI Action Summit (Feb 2025): InvestAI to "
             "mobilise EUR200bn of public and private investment, incl. a EUR20bn fund for AI gigafactories "
             f"(a mobilisation target, not appropriated); {fx('EUR', 2025)}"),
    O("france-ai-strategy", "France national AI strategy",
      ["Strategie nationale pour l'intelligence artificielle", "French national AI strategy"],
      "national_programme", "FRA",
      rev=usd(2.22e9, "EUR", 2021), rev_kind="commitment", rev_year=2021,
      source="French government, second phase of the national AI strategy (Nov 2021): EUR2.22bn over "
             "2021-2025 (following EUR1.5bn for 2018-2022); "
             f"{fx('EUR', 2021)}. The EUR109bn announced at the Feb 2025 summit is private investment pledges"),
    O("india-ai-mission", "IndiaAI Mission", ["IndiaAI"], "national_programme", "IND",
      rev=usd(103.7192e9, "INR", 2024), rev_kind="commitment", rev_year=2024,
      source="Press Information Bureau, Union Cabinet approval (7 Mar 2024): IndiaAI Mission outlay "
             f"Rs10,371.92 crore over five years; {fx('INR', 2024)}. GPUs are subsidised through empanelled "
             "private providers rather than owned, so compute is blank"),
    O("saudi-humain", "HUMAIN (Saudi Arabia, PIF)", ["HUMAIN", "Saudi Arabia AI programme"],
      "national_programme", "SAU",
      rev=77e9, rev_kind="commitment", rev_year=2025,
      source="HUMAIN, launched May 2025 by the Public Investment Fund: CEO Tareq Amin's estimate of about "
             "$77bn total cost for 1.9 GW of datacentres by 2030 (Financial Times, 2025; a plan, not an "
             "appropriation); NVIDIA/HUMAIN announcement (13 May 2025) of a first phase of 18,000 GB300 "
             "chips, not counted as owned"),
    O("uae-ai", "UAE national AI programme", ["UAE National AI Strategy 2031", "Stargate UAE"],
      "national_programme", "ARE", year=2025,
      source="UAE National Strategy for AI 2031 and the Stargate UAE campus announced May 2025 (G42 with "
             "OpenAI, Oracle, NVIDIA; first 200 MW planned for 2026); no budget figure or owned-GPU count "
             "published, so left blank"),
    O("canada-sovereign-ai-compute", "Canadian Sovereign AI Compute Strategy",
      ["Canadian Sovereign AI Compute Strategy", "AI Compute Access Fund"], "national_programme", "CAN",
      rev=usd(2.0e9, "CAD", 2024), rev_kind="commitment", rev_year=2024,
      source="Government of Canada Budget 2024 and Innovation, Science and Economic Development Canada "
             "announcement (Dec 2024): up to C$2bn for the Canadian Sovereign AI Compute Strategy; "
             f"{fx('CAD', 2024)}"),
    O("japan-abci", "AI Bridging Cloud Infrastructure (ABCI, AIST)",
      ["ABCI", "AI Bridging Cloud Infrastructure", "ABCI 3.0"], "national_programme", "JPN",
      h100e=6_128, h100e_year=2025,
      source="AIST ABCI 3.0 announcement (operation from early 2025): 766 nodes with 8 NVIDIA H200 each, "
             "6,128 H200 counted as one H100e each; construction budget not confirmed, left blank"),
    O("africa-ai-fund", "Africa AI Fund (Africa Declaration on AI)",
      ["Africa Declaration on Artificial Intelligence", "Africa AI Council"], "national_programme", "RWA",
      rev=60e9, rev_kind="commitment", rev_year=2025,
      source="Africa Declaration on Artificial Intelligence, Global AI Summit on Africa, Kigali (Apr 2025; 54 "
             "signatories incl. the African Union): announced a $60bn Africa AI Fund to mobilise public, "
             "private and philanthropic capital (a target, not appropriated funds)"),
]


ORGANISATIONS: list[dict] = COMPANIES + LABS + UNIVERSITIES + FUNDERS + PROGRAMMES


def build(data_dir: str) -> list[dict]:
    """The hand-curated rows (``data_dir`` is not read)."""
    return ORGANISATIONS
