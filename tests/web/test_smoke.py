from __future__ import annotations


def test_admin_sees_employees(world, login):
    c = login("admin_ktp")
    r = c.get("/employees/")
    assert r.status_code == 200, r.content[:2000]
    assert "Rina Perawat" in r.content.decode()
    r = c.get("/employees.json")
    assert r.json()["count"] == 5
