"""Access-offer catalog: what an individual or team pays to use an LLM.

Three kinds of row:

* ``subscription``: a consumer plan (``monthly_price_usd``);
* ``api``: a pay-per-token API for a model (``usd_per_mtok_input`` and
  ``usd_per_mtok_output``, US dollars per million tokens);
* ``local_hardware``: a GPU or machine that can run an open model locally
  (``hardware_price_usd``, ``lifetime_years``, ``power_w``).

Prices are list prices in US dollars of the stated year.

Conventions
-----------
* Subscriptions: the monthly price when billed monthly (annual billing is
  often cheaper; the source says so), US price before tax.
* API: standard (non-batch, non-cached, non-priority) list price; where the
  price depends on prompt length the short-prompt tier is used and named.
* ``model`` is the id in ``models.csv`` when the offer serves a model listed
  there, else blank (the display name says which model).
* Local hardware: ``hardware`` is the id in ``accelerators.csv`` for a single
  GPU, blank for a whole machine. ``power_w`` is the board power (TGP) for a
  GPU and the vendor's maximum (or sustained-load) power for a machine, since
  running a model is a sustained load: for a desktop Mac, Apple's published
  maximum wall power (a compute-intensive test, measured on the configuration
  Apple names); otherwise the vendor's sustained processor power level or
  power-adapter/supply rating, as the source says. Real average draw is lower.
  ``lifetime_years`` is an assumption, named in the source: 4 years for a new
  consumer GPU or a developer box, 3 for a used GPU, 5 for a Mac or a
  datacentre card.
"""

from __future__ import annotations

from .common import join_aliases

FILE = "offers.csv"
COLUMNS = [
    "name", "display_name", "aliases", "kind", "provider", "model", "hardware",
    "monthly_price_usd", "usd_per_mtok_input", "usd_per_mtok_output",
    "hardware_price_usd", "lifetime_years", "power_w",
    "source", "year",
]
REQUIRED: list[str] = [
    "chatgpt-plus", "claude-pro", "openai-api-gpt-4o", "openai-api-gpt-4o-mini",
    "anthropic-api-claude-3.5-sonnet", "deepseek-api-v3", "together-llama-3.1-70b",
    "local-rtx-3090-used", "local-rtx-4090", "local-rtx-5090",
]


def _aliases(name: str, display: str, aliases: list[str]) -> str:
    """The aliases plus the display name (so it resolves too)."""
    return join_aliases(name, [display, *aliases])


def _row(name, display, aliases, kind, provider, source, year, *, model=None, hardware=None,
         monthly=None, mtok_in=None, mtok_out=None, price=None, life=None, power=None):
    for label, value in (("monthly_price_usd", monthly), ("usd_per_mtok_input", mtok_in),
                         ("usd_per_mtok_output", mtok_out), ("hardware_price_usd", price),
                         ("lifetime_years", life), ("power_w", power)):
        if value is not None and value < 0:
            raise ValueError(f"{name}: {label} is negative")
    return dict(name=name, display_name=display, aliases=_aliases(name, display, aliases), kind=kind,
                provider=provider, model=model, hardware=hardware, monthly_price_usd=monthly,
                usd_per_mtok_input=mtok_in, usd_per_mtok_output=mtok_out,
                hardware_price_usd=price, lifetime_years=life, power_w=power,
                source=source, year=year)


def S(name, display, aliases, provider, monthly, source, year):
    """A consumer subscription."""
    return _row(name, display, aliases, "subscription", provider, source, year, monthly=monthly)


def A(name, display, aliases, provider, model, mtok_in, mtok_out, source, year):
    """A pay-per-token API offer (USD per million tokens, input and output)."""
    return _row(name, display, aliases, "api", provider, source, year, model=model,
                mtok_in=mtok_in, mtok_out=mtok_out)


def H(name, display, aliases, provider, hardware, price, life, power, source, year):
    """Hardware bought to run models locally."""
    return _row(name, display, aliases, "local_hardware", provider, source, year, hardware=hardware,
                price=price, life=life, power=power)


# --------------------------------------------------------------------------
# Subscriptions
# --------------------------------------------------------------------------

SUBSCRIPTIONS = [
    S("chatgpt-free", "ChatGPT Free", ["ChatGPT free tier"], "OpenAI", 0,
      "OpenAI ChatGPT pricing page: free tier with usage limits on the default model", 2025),
    S("chatgpt-plus", "ChatGPT Plus", [], "OpenAI", 20,
      "OpenAI ChatGPT pricing page: Plus $20/month (unchanged since its Feb 2023 launch)", 2025),
    S("chatgpt-pro", "ChatGPT Pro", [], "OpenAI", 200,
      "OpenAI announcement (5 Dec 2024) and ChatGPT pricing page: Pro $200/month", 2025),
    S("claude-free", "Claude Free", ["Claude free tier"], "Anthropic", 0,
      "Anthropic Claude pricing page: free plan with usage limits", 2025),
    S("claude-pro", "Claude Pro", [], "Anthropic", 20,
      "Anthropic Claude pricing page: Pro $20/month billed monthly ($17/month billed annually)", 2025),
    S("claude-max-5x", "Claude Max (5x)", ["Claude Max 100"], "Anthropic", 100,
      "Anthropic announcement of the Max plan (9 Apr 2025) and pricing page: 5x Pro usage, $100/month", 2025),
    S("claude-max-20x", "Claude Max (20x)", ["Claude Max 200"], "Anthropic", 200,
      "Anthropic announcement of the Max plan (9 Apr 2025) and pricing page: 20x Pro usage, $200/month",
      2025),
    S("google-ai-pro", "Google AI Pro (formerly Gemini Advanced)",
      ["Gemini Advanced", "Google One AI Premium"], "Google", 19.99,
      "Google One / Gemini plans page: Google AI Pro (renamed from Google One AI Premium with Gemini "
      "Advanced, May 2025) $19.99/month", 2025),
    S("google-ai-ultra", "Google AI Ultra", [], "Google", 249.99,
      "Google I/O announcement (20 May 2025) and Gemini plans page: Google AI Ultra $249.99/month (US)", 2025),
    S("copilot-pro", "Microsoft Copilot Pro", [], "Microsoft", 20,
      "Microsoft announcement (15 Jan 2024) and Copilot Pro product page: $20/month per user", 2024),
    S("perplexity-pro", "Perplexity Pro", [], "Perplexity", 20,
      "Perplexity pricing page: Pro $20/month ($200/year)", 2025),
    S("le-chat-pro", "Mistral Le Chat Pro", [], "Mistral AI", 14.99,
      "Mistral AI announcement of the Le Chat apps and Pro tier (6 Feb 2025): $14.99/month", 2025),
    S("poe-subscription", "Poe subscription", ["Poe Premium"], "Quora", 19.99,
      "Poe (Quora) subscription page: $19.99/month or $199.99/year in the US (monthly compute-point "
      "allowance across hosted models)", 2024),
    S("supergrok", "SuperGrok", [], "xAI", 30,
      "xAI Grok pricing (Feb 2025, Grok 3 launch): SuperGrok $30/month", 2025),
]


# --------------------------------------------------------------------------
# Pay-per-token APIs (USD per million tokens)
# --------------------------------------------------------------------------

APIS = [
    A("openai-api-gpt-4o", "OpenAI API: GPT-4o", ["GPT-4o API"], "OpenAI", None, 2.50, 10.00,
      "OpenAI API pricing page: gpt-4o (2024-08-06 and later snapshots) $2.50 input / $10.00 output per 1M "
      "tokens, standard tier", 2024),
    A("openai-api-gpt-4o-mini", "OpenAI API: GPT-4o mini", ["GPT-4o mini API"], "OpenAI", None, 0.15, 0.60,
      "OpenAI API pricing page (launch 18 Jul 2024): gpt-4o-mini $0.15 input / $0.60 output per 1M tokens",
      2024),
    A("openai-api-o1", "OpenAI API: o1", ["o1 API"], "OpenAI", None, 15.00, 60.00,
      "OpenAI API pricing page: o1 $15 input / $60 output per 1M tokens (reasoning tokens billed as output)",
      2024),
    A("openai-api-o3", "OpenAI API: o3", ["o3 API"], "OpenAI", None, 2.00, 8.00,
      "OpenAI API pricing page after the Jun 2025 price cut: o3 $2 input / $8 output per 1M tokens "
      "(launched Apr 2025 at $10 / $40)", 2025),
    A("openai-api-gpt-4.1", "OpenAI API: GPT-4.1", ["GPT-4.1 API"], "OpenAI", None, 2.00, 8.00,
      "OpenAI GPT-4.1 announcement (14 Apr 2025) and API pricing page: $2 input / $8 output per 1M tokens",
      2025),
    A("anthropic-api-claude-3.5-sonnet", "Anthropic API: Claude 3.5 Sonnet", ["Claude 3.5 Sonnet API"],
      "Anthropic", None, 3.00, 15.00,
      "Anthropic API pricing page: Claude 3.5 Sonnet $3 input / $15 output per 1M tokens", 2024),
    A("anthropic-api-claude-3.5-haiku", "Anthropic API: Claude 3.5 Haiku", ["Claude 3.5 Haiku API"],
      "Anthropic", None, 0.80, 4.00,
      "Anthropic API pricing page: Claude 3.5 Haiku $0.80 input / $4 output per 1M tokens", 2024),
    A("anthropic-api-claude-3-haiku", "Anthropic API: Claude 3 Haiku", ["Claude 3 Haiku API"],
      "Anthropic", None, 0.25, 1.25,
      "Anthropic API pricing page: Claude 3 Haiku $0.25 input / $1.25 output per 1M tokens", 2024),
    A("anthropic-api-claude-3-opus", "Anthropic API: Claude 3 Opus", ["Claude 3 Opus API"],
      "Anthropic", "claude-3-opus", 15.00, 75.00,
      "Anthropic API pricing page: Claude 3 Opus $15 input / $75 output per 1M tokens", 2024),
    A("google-api-gemini-1.5-pro", "Google Gemini API: Gemini 1.5 Pro", ["Gemini 1.5 Pro API"], "Google",
      None, 1.25, 5.00,
      "Google AI for Developers, Gemini API pricing after the 1 Oct 2024 reduction: Gemini 1.5 Pro $1.25 "
      "input / $5.00 output per 1M tokens for prompts up to 128k tokens (double above)", 2024),
    A("google-api-gemini-1.5-flash", "Google Gemini API: Gemini 1.5 Flash", ["Gemini 1.5 Flash API"],
      "Google", None, 0.075, 0.30,
      "Google AI for Developers, Gemini API pricing (from 12 Aug 2024): Gemini 1.5 Flash $0.075 input / "
      "$0.30 output per 1M tokens for prompts up to 128k tokens", 2024),
    A("google-api-gemini-2.0-flash", "Google Gemini API: Gemini 2.0 Flash", ["Gemini 2.0 Flash API"],
      "Google", None, 0.10, 0.40,
      "Google AI for Developers, Gemini API pricing (Feb 2025): Gemini 2.0 Flash $0.10 input (text) / "
      "$0.40 output per 1M tokens", 2025),
    A("mistral-api-mistral-large", "Mistral API: Mistral Large", ["Mistral Large API"], "Mistral AI",
      "mistral-large-2", 2.00, 6.00,
      "Mistral AI pricing page: Mistral Large (mistral-large-2411, a revision of the 123B Mistral Large 2) "
      "$2 input / $6 output per 1M tokens", 2024),
    A("deepseek-api-v3", "DeepSeek API: DeepSeek-V3 (deepseek-chat)", ["deepseek-chat API"], "DeepSeek",
      "deepseek-v3", 0.27, 1.10,
      "DeepSeek API docs, models and pricing (standard price from 8 Feb 2025): deepseek-chat (DeepSeek-V3) "
      "$0.27 input (cache miss) / $1.10 output per 1M tokens", 2025),
    A("deepseek-api-r1", "DeepSeek API: DeepSeek-R1 (deepseek-reasoner)", ["deepseek-reasoner API"],
      "DeepSeek", "deepseek-r1", 0.55, 2.19,
      "DeepSeek API docs, models and pricing (2025): deepseek-reasoner (DeepSeek-R1) $0.55 input (cache "
      "miss) / $2.19 output per 1M tokens", 2025),
    A("together-llama-3.1-8b", "Together AI: Llama 3.1 8B Instruct Turbo",
      ["Together Llama 3.1 8B Instruct Turbo"], "Together AI", "llama-3.1-8b", 0.18, 0.18,
      "Together AI pricing page (serverless inference): Meta Llama 3.1 8B Instruct Turbo $0.18 per 1M "
      "tokens, input and output", 2024),
    A("together-llama-3.1-70b", "Together AI: Llama 3.1 70B Instruct Turbo",
      ["Together Llama 3.1 70B Instruct Turbo"], "Together AI", "llama-3.1-70b", 0.88, 0.88,
      "Together AI pricing page (serverless inference): Meta Llama 3.1 70B Instruct Turbo $0.88 per 1M "
      "tokens, input and output", 2024),
    A("together-llama-3.1-405b", "Together AI: Llama 3.1 405B Instruct Turbo",
      ["Together Llama 3.1 405B Instruct Turbo"], "Together AI", "llama-3.1-405b", 3.50, 3.50,
      "Together AI pricing page (serverless inference): Meta Llama 3.1 405B Instruct Turbo $3.50 per 1M "
      "tokens, input and output", 2024),
    A("fireworks-llama-3.1-8b", "Fireworks AI: Llama 3.1 8B Instruct", ["Fireworks llama-v3p1-8b-instruct"],
      "Fireworks AI", "llama-3.1-8b", 0.20, 0.20,
      "Fireworks AI pricing page (serverless, by base-model size): models up to 16B parameters $0.20 per "
      "1M tokens, input and output", 2024),
    A("fireworks-llama-3.1-70b", "Fireworks AI: Llama 3.1 70B Instruct", ["Fireworks llama-v3p1-70b-instruct"],
      "Fireworks AI", "llama-3.1-70b", 0.90, 0.90,
      "Fireworks AI pricing page (serverless, by base-model size): models of 16.1B-80B parameters $0.90 "
      "per 1M tokens, input and output", 2024),
    A("fireworks-mixtral-8x7b", "Fireworks AI: Mixtral 8x7B Instruct", ["Fireworks mixtral-8x7b-instruct"],
      "Fireworks AI", "mixtral-8x7b", 0.50, 0.50,
      "Fireworks AI pricing page (serverless): MoE models up to 56B total parameters (Mixtral 8x7B) $0.50 "
      "per 1M tokens, input and output", 2024),
    A("groq-llama-3.1-8b", "Groq: Llama 3.1 8B Instant", ["Groq llama-3.1-8b-instant"], "Groq",
      "llama-3.1-8b", 0.05, 0.08,
      "Groq pricing page (on-demand tokens-as-a-service): llama-3.1-8b-instant $0.05 input / $0.08 output "
      "per 1M tokens", 2025),
    A("groq-llama-3.3-70b", "Groq: Llama 3.3 70B Versatile", ["Groq llama-3.3-70b-versatile"], "Groq",
      "llama-3.3-70b", 0.59, 0.79,
      "Groq pricing page (on-demand): llama-3.3-70b-versatile $0.59 input / $0.79 output per 1M tokens "
      "(same price as the retired llama-3.1-70b-versatile)", 2025),
]


# --------------------------------------------------------------------------
# Local hardware
# --------------------------------------------------------------------------

LOCAL = [
    H("local-rtx-3090-used", "NVIDIA GeForce RTX 3090 (used)", ["RTX 3090 used", "used RTX 3090"], "NVIDIA",
      "rtx-3090", 750, 3, 350,
      "Used-market price about $750 (r/hardwareswap and eBay sold listings, as summarised by BestLLMfor, "
      "May 2026; other 2026 guides give $500-1,000); launch MSRP was $1,499 (Sep 2020). Board power 350 W "
      "(NVIDIA spec). Assumed useful life 3 years for a card already about five years old", 2026),
    H("local-rtx-4090", "NVIDIA GeForce RTX 4090", ["RTX 4090"], "NVIDIA", "rtx-4090", 1599, 4, 450,
      "NVIDIA launch MSRP $1,599 (Oct 2022); street prices in 2025-26 were well above MSRP ($2,200-2,800 "
      "new, InsiderLLM Feb 2026). Total graphics power 450 W (NVIDIA spec). Assumed useful life 4 years",
      2022),
    H("local-rtx-5090", "NVIDIA GeForce RTX 5090", ["RTX 5090"], "NVIDIA", "rtx-5090", 1999, 4, 575,
      "NVIDIA CES 2025 announcement: Founders Edition MSRP $1,999 (on sale 30 Jan 2025), 32 GB GDDR7, "
      "total graphics power 575 W. Assumed useful life 4 years", 2025),
    H("local-l4", "NVIDIA L4 (single card)", ["L4 card"], "NVIDIA", "l4", 2345, 5, 72,
      "Indicative launch price $2,345 as used in accelerators.csv (third-party aggregator; NVIDIA publishes "
      "no list price); 72 W board power (NVIDIA datasheet). Assumed useful life 5 years for a datacentre "
      "card", 2023),
    H("local-mac-studio-m3-ultra", "Apple Mac Studio (M3 Ultra, 96 GB)", ["Mac Studio M3 Ultra"], "Apple",
      None, 3999, 5, 270,
      "Apple Mac Studio announcement (5 Mar 2025): M3 Ultra base configuration (28-core CPU, 60-core GPU, "
      "96 GB unified memory at 819 GB/s, 1 TB SSD) $3,999; configurable to 512 GB. Power 270 W: Apple "
      "support page 'Mac Studio power consumption and thermal output' (102027), maximum wall power "
      "(compute-intensive test; idle 9 W) of Mac Studio (2025) M3 Ultra, measured on the 32-core CPU, "
      "80-core GPU, 512 GB, 16 TB configuration, so an upper bound for this base model (power supply "
      "rated 480 W maximum continuous). Assumed useful life 5 years", 2025),
    H("local-mac-studio-m4-max", "Apple Mac Studio (M4 Max, 36 GB)", ["Mac Studio M4 Max"], "Apple",
      None, 1999, 5, 145,
      "Apple Mac Studio announcement (5 Mar 2025): M4 Max base configuration (14-core CPU, 32-core GPU, "
      "36 GB unified memory, 512 GB SSD) $1,999. Power 145 W: Apple support page 'Mac Studio power "
      "consumption and thermal output' (102027), maximum wall power (compute-intensive test; idle 6 W) "
      "of Mac Studio (2025) M4 Max with 14-core CPU and 32-core GPU. Assumed useful life 5 years", 2025),
    H("local-mac-mini-m4", "Apple Mac mini (M4, 16 GB)", ["Mac mini M4"], "Apple", None, 599, 5, 65,
      "Apple Mac mini announcement (29 Oct 2024): M4 with 16 GB unified memory $599. Power 65 W: Apple "
      "support page 'Mac mini power consumption and thermal output' (103253), maximum wall power "
      "(compute-intensive test; idle 4 W) of Mac mini (2024) M4, 16 GB, 256 GB (ServeTheHome review "
      "measured 40-45 W under load). Assumed useful life 5 years", 2024),
    H("local-mac-mini-m4-pro", "Apple Mac mini (M4 Pro, 24 GB)", ["Mac mini M4 Pro"], "Apple", None, 1399,
      5, 140,
      "Apple Mac mini announcement (29 Oct 2024): M4 Pro with 24 GB unified memory (273 GB/s) $1,399. "
      "Power 140 W: Apple support page 'Mac mini power consumption and thermal output' (103253), "
      "maximum wall power (compute-intensive test; idle 5 W) of Mac mini (2024) M4 Pro, measured on the "
      "top configuration with 64 GB and 8 TB SSD (Apple publishes no separate figure for this 24 GB "
      "base model, so an upper bound). Assumed useful life 5 years", 2024),
    H("local-dgx-spark", "NVIDIA DGX Spark", ["Project DIGITS", "DGX Spark Founders Edition"], "NVIDIA",
      None, 3999, 4, 240,
      "NVIDIA DGX Spark product page and launch coverage (on sale 15 Oct 2025): Founders Edition $3,999 "
      "(announced at $3,000 as Project DIGITS, CES 2025), GB10 superchip with 128 GB unified memory; 240 W "
      "power supply (GB10 about 140 W TDP). Assumed useful life 4 years", 2025),
    H("local-macbook-air-m4", "Apple MacBook Air 13-inch (M4, 16 GB)", ["MacBook Air M4"], "Apple", None,
      999, 5, 30,
      "Apple MacBook Air announcement (5 Mar 2025): 13-inch M4 with 16 GB unified memory from $999. "
      "Power 30 W: rating of the 30W USB-C Power Adapter Apple includes with this configuration (M4 with "
      "8-core GPU; Apple MacBook Air 13-inch M4 tech specs, 53.8 Wh battery); Apple publishes no maximum "
      "wall power for MacBooks, so the included adapter's rating is used as the sustained plugged-in "
      "maximum (the fanless M4 throttles under sustained load). Assumed useful life 5 years", 2025),
    H("local-framework-desktop-128gb", "Framework Desktop (Ryzen AI Max+ 395, 128 GB)",
      ["Framework Desktop"], "Framework", None, 1999, 4, 120,
      "Framework Desktop announcement (Feb 2025): AMD Ryzen AI Max+ 395 with 128 GB unified memory "
      "mainboard system from $1,999 (before storage and OS). Power 120 W: Framework Desktop spec, "
      "processor power level 120 W sustained (140 W boost), i.e. the APU's sustained package power "
      "(within AMD's configurable TDP range), not a wall measurement; 400 W FlexATX power supply. "
      "Assumed useful life 4 years", 2025),
]


OFFERS: list[dict] = SUBSCRIPTIONS + APIS + LOCAL


def build(data_dir: str) -> list[dict]:
    """The hand-curated rows (``data_dir`` is not read)."""
    return OFFERS
