"""Country from what a source says: an ISO 3166 alpha-2 code from a country field ("France",
"fr", "USA") or, when there is none, from the location text ("Lisbon, Portugal",
"Remote - US", "Austin, TX", "Berlin (Hybrid)").

The tables are deliberately small: the countries and tech hubs job boards name most. What is
not recognised stays as given (country) or None (location): better no country than a guess.
"""

from __future__ import annotations

import re

COUNTRIES = {
    "united states": "US", "united states of america": "US", "usa": "US", "us": "US", "u.s.": "US", "u.s.a.": "US",
    "america": "US", "united kingdom": "GB", "uk": "GB", "u.k.": "GB", "great britain": "GB", "england": "GB",
    "scotland": "GB", "wales": "GB", "northern ireland": "GB", "canada": "CA", "germany": "DE",
    "deutschland": "DE", "france": "FR", "spain": "ES", "españa": "ES", "portugal": "PT", "italy": "IT",
    "italia": "IT", "netherlands": "NL", "the netherlands": "NL", "holland": "NL", "belgium": "BE",
    "switzerland": "CH", "schweiz": "CH", "suisse": "CH", "austria": "AT", "österreich": "AT", "ireland": "IE",
    "sweden": "SE", "norway": "NO", "denmark": "DK", "finland": "FI", "iceland": "IS", "poland": "PL",
    "czech republic": "CZ", "czechia": "CZ", "hungary": "HU", "romania": "RO", "bulgaria": "BG", "greece": "GR",
    "estonia": "EE", "latvia": "LV", "lithuania": "LT", "ukraine": "UA", "serbia": "RS", "croatia": "HR",
    "slovenia": "SI", "slovakia": "SK", "luxembourg": "LU", "turkey": "TR", "türkiye": "TR", "israel": "IL",
    "united arab emirates": "AE", "uae": "AE", "saudi arabia": "SA", "qatar": "QA", "egypt": "EG",
    "nigeria": "NG", "kenya": "KE", "south africa": "ZA", "india": "IN", "pakistan": "PK", "bangladesh": "BD",
    "singapore": "SG", "malaysia": "MY", "indonesia": "ID", "philippines": "PH", "vietnam": "VN",
    "thailand": "TH", "china": "CN", "hong kong": "HK", "taiwan": "TW", "japan": "JP", "south korea": "KR",
    "korea": "KR", "australia": "AU", "new zealand": "NZ", "brazil": "BR", "brasil": "BR", "mexico": "MX",
    "méxico": "MX", "argentina": "AR", "chile": "CL", "colombia": "CO", "peru": "PE", "uruguay": "UY",
}
US_STATES = {
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY",
    "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH",
    "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
}
US_STATE_NAMES = {
    "california", "new york", "texas", "washington", "massachusetts", "illinois", "colorado", "georgia",
    "florida", "virginia", "north carolina", "pennsylvania", "oregon", "utah", "arizona", "new jersey",
    "michigan", "minnesota", "ohio", "maryland", "tennessee", "wisconsin", "missouri", "connecticut",
}
CA_PROVINCES = {"ON": "CA", "QC": "CA", "BC": "CA", "AB": "CA", "MB": "CA", "SK": "CA", "NS": "CA", "NB": "CA",
                "NL": "CA", "PE": "CA", "ontario": "CA", "quebec": "CA", "british columbia": "CA", "alberta": "CA"}
CITIES = {
    "new york city": "US", "nyc": "US", "san francisco": "US", "sf bay area": "US", "bay area": "US",
    "seattle": "US", "boston": "US", "austin": "US", "chicago": "US", "los angeles": "US", "palo alto": "US",
    "mountain view": "US", "menlo park": "US", "london": "GB", "cambridge, uk": "GB", "edinburgh": "GB",
    "manchester": "GB", "berlin": "DE", "munich": "DE", "münchen": "DE", "hamburg": "DE", "paris": "FR",
    "lyon": "FR", "amsterdam": "NL", "dublin": "IE", "zurich": "CH", "zürich": "CH", "geneva": "CH",
    "stockholm": "SE", "copenhagen": "DK", "oslo": "NO", "helsinki": "FI", "madrid": "ES", "barcelona": "ES",
    "lisbon": "PT", "lisboa": "PT", "porto": "PT", "milan": "IT", "rome": "IT", "vienna": "AT", "warsaw": "PL",
    "prague": "CZ", "tel aviv": "IL", "toronto": "CA", "montreal": "CA", "montréal": "CA", "vancouver": "CA",
    "bangalore": "IN", "bengaluru": "IN", "hyderabad": "IN", "tokyo": "JP", "sydney": "AU", "melbourne": "AU",
    "são paulo": "BR", "sao paulo": "BR", "mexico city": "MX",
}
CODES = set(COUNTRIES.values())


def country_code(country: str | None, location: str | None = None) -> str | None:
    """ISO alpha-2 from the country field, else from the location text; else the field as given."""
    if isinstance(country, str) and country.strip():
        code = from_name(country)
        return code or country.strip()
    if isinstance(location, str) and location.strip():
        return from_location(location)
    return None


def from_name(text: str) -> str | None:
    key = text.strip().lower()
    for candidate in (key, key.rstrip(".")):
        if candidate in COUNTRIES:
            return COUNTRIES[candidate]
    if len(key) == 2 and key.upper() in CODES | {"GB", "UK"}:
        return "GB" if key.upper() == "UK" else key.upper()
    return None


def from_location(text: str) -> str | None:
    """The country a location names: its last recognisable part, read right to left."""
    parts = [p.strip() for p in re.split(r"[,;/|()\-–]", text) if p.strip()]
    if any(p in CA_PROVINCES or p.lower() in CA_PROVINCES for p in parts[:-1]):
        return "CA"  # "Vancouver, BC, CA": CA is Canada here, not California
    for part in reversed(parts):
        lower = part.lower()
        if lower in COUNTRIES:
            return COUNTRIES[lower]
        if part in US_STATES or lower in US_STATE_NAMES:
            return "US"
        if part in CA_PROVINCES or lower in CA_PROVINCES:
            return "CA"
        if lower in CITIES:
            return CITIES[lower]
    lower = text.lower()
    return next((code for city, code in CITIES.items() if "," in city and city in lower), None)
