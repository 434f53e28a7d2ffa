"""The accounts page (admins): the admin's start page; add an account with errors shown by
their fields; set a new password, disable and enable — each ends the person's sign-ins."""

from __future__ import annotations

from tests.forms.conftest import Browser, OpenBrowser

PASSWORD = "a long enough password"


def test_the_admin_starts_on_the_accounts_page(browser: OpenBrowser) -> None:
    admin = browser("admin")
    assert admin.get("/", follow_redirects=False).headers["location"] == "/users"
    page = admin.get("/users").text
    assert '<a href="/users" aria-current="page">Учётные записи</a>' in page
    assert "<h3>police_supervisor</h3>" in page
    assert "Специалист, Руководитель" in page  # roles in words
    accounts = page.count("<h3>")
    assert accounts > 20 and page.count('value="disable"') == accounts - 1  # not the admin's own


def test_an_account_added_on_the_page_signs_in(browser: OpenBrowser) -> None:
    admin = browser("admin")
    response = admin.post(
        "/users",
        [
            ("username", "b.asanov"),
            ("agency", "ngo"),
            ("roles", "caseworker"),
            ("password", PASSWORD),
        ],  # fmt: skip
    )
    assert response.status_code == 303
    assert "Учётная запись b.asanov добавлена." in admin.get("/users").text
    newcomer = Browser(admin.client.app)
    newcomer.sign_in("b.asanov", PASSWORD)
    assert newcomer.get("/inbox").status_code == 200


def test_errors_are_shown_by_their_fields_and_what_was_typed_is_kept(
    browser: OpenBrowser,
) -> None:
    admin = browser("admin")
    wrong = admin.post("/users", [("username", "b.asanov"), ("roles", "caseworker"),
                                  ("password", PASSWORD)])  # fmt: skip
    assert wrong.status_code == 422
    assert "нужно ведомство, у которого есть задачи" in wrong.text
    assert 'value="b.asanov"' in wrong.text and 'value="caseworker" checked' in wrong.text
    short = admin.post("/users", {"username": "b.asanov", "roles": "policy", "password": "x"})
    assert short.status_code == 422 and "Пароль — не менее 10 символов." in short.text
    none = admin.post("/users", {"username": "b.asanov", "password": PASSWORD})
    assert none.status_code == 422 and "Выберите хотя бы одну роль." in none.text
    taken = admin.post("/users", {"username": "police", "roles": "policy", "password": PASSWORD})
    assert taken.status_code == 409 and "Это имя пользователя уже занято." in taken.text


def test_a_new_password_or_disabling_ends_the_persons_sign_ins(browser: OpenBrowser) -> None:
    admin, police = browser("admin"), browser("police")
    assert police.get("/inbox").status_code == 200
    done = admin.post("/users/police", {"action": "password", "password": PASSWORD})
    assert done.status_code == 303
    assert "Для police задан новый пароль; все входы завершены." in admin.get("/users").text
    assert police.get("/inbox", follow_redirects=False).status_code == 303  # to sign in
    police.sign_in("police", PASSWORD)
    admin.post("/users/police", {"action": "disable"})
    assert "отключена" in admin.get("/users").text
    assert police.get("/inbox", follow_redirects=False).status_code == 303
    admin.post("/users/police", {"action": "enable"})
    Browser(admin.client.app).sign_in("police", PASSWORD)
    own = admin.post("/users/admin", {"action": "disable"})
    assert own.status_code == 409 and "Нельзя отключить учётную запись" in own.text


def test_only_admins_see_the_accounts(browser: OpenBrowser) -> None:
    police = browser("police_supervisor")
    assert police.get("/users").status_code == 403
    assert 'href="/users"' not in police.get("/inbox").text
    assert browser("policy").get("/users").status_code == 403
