"""The national record: pantau's final sanctions in the shape of the SIASN discipline record
(hukdis), with the source of every field (hukdis.yaml), the SIASN reference ids the agency
fills in (references.yaml) and the JSON Schema each payload is checked against."""
