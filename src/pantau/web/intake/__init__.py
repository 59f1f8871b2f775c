"""The intake app: complaints from the public, reports of monitors, bulk and SP4N-LAPOR!
imports, and the evidence they bring."""
