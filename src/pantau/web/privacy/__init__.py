"""Personal data over time (UU PDP 27/2022): retention, the data-protection officer's report,
and an employee's access to what pantau holds about them."""
