"""djrh serve in a real browser (Debian's headless Chromium, as the dashboard test): a secretary opens
the dashboard, creates a theme day through the form, sees its findings, fills the held fields (a row
added with the script), uploads evidence, downloads the form and reads it back, switches to her
branch's year; then the same at phone width (390 px: no sideways scrolling, tap targets of 44 px)
and with the keyboard alone (labels, tab order, focus visible).

DJRH_SCREENSHOTS=docs makes the README's screenshots (desktop and phone width) from these pages."""

from __future__ import annotations

import io
import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest

from conftest import DEMO
from serve_helpers import Server

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed")


@pytest.fixture
def browser(tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--lang=zh-CN",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
        f"--user-data-dir={tempfile.mkdtemp(dir=tmp_path)}", "--window-size=1280,900", "--force-device-scale-factor=1",
    ):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh"})
    # a Chinese browser: dates shown as 2026/11/12, the file chooser's words in Chinese
    service = Service(CHROMEDRIVER, env={**os.environ, "LANGUAGE": "zh_CN"})
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(30)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.downloads = downloads
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def tree(tmp_path) -> Path:
    root = tmp_path / "records"
    shutil.copytree(DEMO, root)
    return root


def shoot(driver, name: str, width: int, height: int) -> None:
    """A screenshot of the top of the page for the README, when asked for (DJRH_SCREENSHOTS=docs)."""
    folder = os.environ.get("DJRH_SCREENSHOTS")
    if not folder:
        return
    size = driver.get_window_size()
    driver.set_window_size(width, height)
    inner = driver.execute_script("return window.innerHeight")
    driver.set_window_size(width, height + (height - inner))  # the page's own height, not the window's
    driver.execute_script("window.scrollTo(0, 0)")
    time.sleep(0.3)
    driver.save_screenshot(str(Path(folder) / name))
    driver.set_window_size(size["width"], size["height"])


def click(driver, element) -> None:
    """Click as a person does: the element scrolled into view first (not under the sticky save bar)."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def wait_for(check, timeout: float = 15.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out")


def test_a_secretarys_evening(tree, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    docx = pytest.importorskip("docx")
    with Server(tree) as server:
        driver = browser
        # the dashboard
        driver.get(server.url + "/")
        assert driver.title.startswith("中共江南健康职业技术学院委员会2026年度")
        assert driver.find_element(By.CSS_SELECTOR, "svg.heatmap").size["width"] > 800
        assert driver.execute_script("return performance.getEntriesByType('resource').every(e => e.name.startsWith(location.origin))")
        shoot(driver, "serve-dashboard.png", 1280, 1000)
        Select(driver.find_element(By.ID, "year")).select_by_value("2025")
        click(driver, driver.find_element(By.CSS_SELECTOR, ".year-switch button"))
        wait_for(lambda: "year=2025" in driver.current_url)
        assert "2025年度" in driver.find_element(By.TAG_NAME, "h1").text

        # a new theme day, through the form
        click(driver, driver.find_element(By.LINK_TEXT, "新建记录"))
        driver.find_element(By.PARTIAL_LINK_TEXT, "主题党日").click()
        Select(driver.find_element(By.NAME, "branch")).select_by_value("logistics")
        driver.execute_script("arguments[0].value = '2026-11-12'", driver.find_element(By.NAME, "date"))  # a date picker
        driver.find_element(By.NAME, "time").send_keys("14:30-16:30")
        driver.find_element(By.NAME, "place").send_keys("后勤楼二楼会议室")
        driver.find_element(By.NAME, "theme").send_keys("冬季供暖保障：党员先锋岗进宿舍")
        Select(driver.find_element(By.NAME, "entry_point")).select_by_visible_text("服务师生")
        driver.find_element(By.NAME, "business_work").send_keys("供暖季到来，排查学生公寓暖气和热水设施。")
        click(driver, driver.find_element(By.CSS_SELECTOR, ".savebar button"))
        wait_for(lambda: "/record/logistics-2026-11-2" in driver.current_url or "/record/logistics-2026-11" in driver.current_url)
        record_url = driver.current_url.split("?")[0]
        assert "已新建这条记录" in driver.page_source

        # its findings: the meeting is past, the held fields are due (TD006)
        summary = driver.find_element(By.CSS_SELECTOR, ".summary").text
        assert "需要处理" in summary and "TD006" in summary
        stages = driver.find_elements(By.CSS_SELECTOR, "details.stage")
        assert stages[0].get_attribute("id") == "stage-held" and "现在该填" in stages[0].text
        shoot(driver, "serve-record.png", 1280, 1000)
        shoot(driver, "serve-record-phone.png", 390, 844)

        # the held fields, and a task added by the script (no round trip)
        driver.find_element(By.NAME, "prescribed").send_keys("学习党的二十届四中全会精神。")
        driver.find_element(By.NAME, "theory_practice").send_keys("把服务学生落到每一间宿舍。")
        driver.find_element(By.NAME, "discussion").send_keys("党员分包 9 栋宿舍楼，每晚巡查一次。")
        driver.find_element(By.NAME, "attendance.expected").send_keys("12")
        driver.find_element(By.NAME, "attendance.present").send_keys("11")
        rows = len(driver.find_elements(By.CSS_SELECTOR, '[data-list="tasks"] .row-list [data-row]'))  # the scaffold's blank row
        click(driver, driver.find_element(By.CSS_SELECTOR, '[data-list="tasks"] [data-add-row]'))
        assert driver.current_url.split("?")[0] == record_url  # no round trip
        assert len(driver.find_elements(By.CSS_SELECTOR, '[data-list="tasks"] .row-list [data-row]')) == rows + 1
        name = driver.switch_to.active_element.get_attribute("name")
        assert name == f"tasks[{rows}].task"  # the new row's first field has the focus
        driver.switch_to.active_element.send_keys("完成 9 栋宿舍暖气排查")
        driver.find_element(By.NAME, f"tasks[{rows}].owner").send_keys("吕大明")
        assert driver.find_element(By.CSS_SELECTOR, "[data-dirty-note]").is_displayed()
        click(driver, driver.find_element(By.CSS_SELECTOR, ".savebar button"))
        wait_for(lambda: "saved=" in driver.current_url)
        assert "已保存" in driver.find_element(By.CSS_SELECTOR, ".notice.ok").text
        assert "TD006" not in driver.find_element(By.CSS_SELECTOR, ".summary").text
        rel = next(p for p in (tree / "themedays/2026").glob("logistics-2026-11*.yaml") if "冬季供暖保障" in p.read_text("utf-8"))
        assert "{task: 完成 9 栋宿舍暖气排查, owner: 吕大明}" in rel.read_text("utf-8")

        # evidence
        photo = tmp_path / "巡查照片.jpg"
        photo.write_bytes(b"\xff\xd8\xff\xe0" + b"jpeg" * 200)
        driver.find_element(By.ID, "upload-files").send_keys(str(photo))
        click(driver, driver.find_element(By.CSS_SELECTOR, '.upload button[form="attach-form"]'))
        wait_for(lambda: "attached=1" in driver.current_url)
        assert (tree / "evidence/2026" / f"{rel.stem}-巡查照片.jpg").read_bytes() == photo.read_bytes()
        assert driver.find_element(By.PARTIAL_LINK_TEXT, "巡查照片.jpg")

        # evidence belongs to the outcome: until it is written, the record has errors and no form
        summary = driver.find_element(By.CSS_SELECTOR, ".summary").text
        assert "必填字段“效果评价”还空着" in summary and "SCH001" in summary  # the form's label, not outcome.summary
        assert "outcome.summary" not in summary
        assert "改正错误后" in driver.find_element(By.CSS_SELECTOR, ".record-head").text
        driver.execute_script("arguments[0].value = '2026-11-20'", driver.find_element(By.NAME, "outcome.evaluated_on"))
        driver.find_element(By.NAME, "outcome.summary").send_keys("9 栋宿舍暖气全部排查完毕，整改隐患 14 处。")
        click(driver, driver.find_element(By.CSS_SELECTOR, ".savebar button"))
        wait_for(lambda: "saved=" in driver.current_url)
        assert "没有发现问题" in driver.find_element(By.CSS_SELECTOR, ".summary").text

        # the form, downloaded and read back
        click(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "下载表单"))
        target = driver.downloads / f"{rel.stem}.docx"
        wait_for(lambda: target.is_file() and target.stat().st_size > 0 and not list(driver.downloads.glob("*.crdownload")))
        document = docx.Document(io.BytesIO(target.read_bytes()))
        cells = " ".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
        assert "冬季供暖保障：党员先锋岗进宿舍" in cells and "党员分包 9 栋宿舍楼" in cells

        # her branch's year
        click(driver, driver.find_element(By.LINK_TEXT, "查看所属支部"))
        wait_for(lambda: "/branch/logistics" in driver.current_url)
        assert "后勤保障处党支部" in driver.find_element(By.TAG_NAME, "h1").text
        month = driver.find_elements(By.CSS_SELECTOR, "ol.calendar > li")[10]
        assert "冬季供暖保障" in month.text
        shoot(driver, "serve-branch.png", 1280, 1000)
        shoot(driver, "serve-branch-phone.png", 390, 844)
        Select(driver.find_element(By.ID, "year")).select_by_value("2025")
        click(driver, driver.find_element(By.CSS_SELECTOR, ".year-switch button"))
        wait_for(lambda: "year=2025" in driver.current_url)
        assert "2025 年度" in driver.page_source


def test_phone_width_and_keyboard_alone(tree, browser):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    driver = browser
    with Server(tree) as server:
        driver.set_window_size(390, 844)
        for path in ("/", "/record/logistics-2026-10", "/branch/logistics", "/new/themeday", "/record/it-faculty-2026-09", "/import"):
            driver.get(server.url + path)
            inner = driver.execute_script("return window.innerWidth")
            width = driver.execute_script("return document.documentElement.scrollWidth")
            assert width <= inner, (path, width, inner)  # no sideways scrolling of the page
            small = driver.execute_script("""
                const out = [];
                for (const el of document.querySelectorAll('input:not([type=hidden]):not([type=radio]):not([type=checkbox]), select, textarea, button, a.button, .mainnav a, label.choice')) {
                  const r = el.getBoundingClientRect();
                  if (r.width === 0 || getComputedStyle(el).visibility === 'hidden' || el.closest('template, .default-submit')) continue;
                  if (el.classList.contains('default-submit')) continue;
                  if (r.height < 44 || r.width < 44) out.push(el.outerHTML.slice(0, 80) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height));
                }
                return out;""")
            assert small == [], (path, small)  # every tap target at least 44 by 44 px

        # the keyboard alone: every control has a label; tabbing shows where the focus is
        driver.set_window_size(1280, 900)
        driver.get(server.url + "/record/logistics-2026-10")
        unlabelled = driver.execute_script("""
            return [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
              .filter(el => !el.closest('template') && !el.classList.contains('default-submit'))
              .filter(el => el.labels.length === 0 && !el.getAttribute('aria-label'))
              .map(el => el.name);""")
        assert unlabelled == []
        assert driver.execute_script("return document.querySelectorAll('[tabindex]:not([tabindex=\"-1\"]):not([tabindex=\"0\"])').length") == 0
        keys = ActionChains(driver)
        keys.send_keys(Keys.TAB).perform()
        first = driver.switch_to.active_element
        assert first.text == "跳到正文"
        keys.send_keys(Keys.ENTER).perform()
        seen = []
        for _ in range(200):
            keys.send_keys(Keys.TAB).perform()
            element = driver.switch_to.active_element
            style = driver.execute_script(
                "const s = getComputedStyle(arguments[0]); return [s.boxShadow, s.outlineStyle, s.outlineWidth]", element)
            assert style[0] != "none" or (style[1] != "none" and style[2] != "0px"), element.get_attribute("outerHTML")[:100]
            seen.append(element.get_attribute("name") or element.text)
            if element.get_attribute("name") == "attendance.present":
                break
        assert "attendance.present" in seen and "place" in seen
        assert seen.index("outcome.summary") < seen.index("place")  # the stage due now comes first
        keys.key_down(Keys.CONTROL).send_keys("a").key_up(Keys.CONTROL).send_keys("10").send_keys(Keys.ENTER).perform()  # Enter saves
        wait_for(lambda: "saved=" in driver.current_url)
        assert "present: 10" in (tree / "themedays/2026/logistics-2026-10.yaml").read_text("utf-8")


def test_yesterdays_meeting_from_her_phone(tree, browser):
    """A secretary writes yesterday's 支委会 on her phone: from her branch's page, the fields of a
    支委会 only (授课人, 评议结果 and 整改措施 folded away), and the record checks clean."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    driver = browser
    with Server(tree) as server:
        driver.set_window_size(390, 844)
        driver.get(server.url + "/branch/logistics")
        click(driver, driver.find_element(By.LINK_TEXT, "新建会议记录"))
        assert Select(driver.find_element(By.NAME, "branch")).first_selected_option.get_attribute("value") == "logistics"
        Select(driver.find_element(By.NAME, "type")).select_by_value("branch_committee")
        driver.execute_script("arguments[0].value = '2026-11-21'", driver.find_element(By.NAME, "date"))
        driver.find_element(By.NAME, "place").send_keys("后勤楼会议室")
        driver.find_element(By.NAME, "topic").send_keys("研究冬季供暖保障工作")
        click(driver, driver.find_element(By.CSS_SELECTOR, ".savebar button"))
        wait_for(lambda: "/record/logistics-2026-11-21-branch-committee" in driver.current_url)
        assert "MT008" in driver.find_element(By.CSS_SELECTOR, ".summary").text  # held: its minutes are due

        folded = driver.find_element(By.CSS_SELECTOR, "#stage-held details.dormant-groups")
        assert folded.get_attribute("open") is None
        assert "授课人" in folded.text and "评议结果" in folded.text and "整改措施" in folded.text
        assert not driver.find_element(By.NAME, "lecturer").is_displayed()
        driver.find_element(By.NAME, "attendance.expected").send_keys("5")
        driver.find_element(By.NAME, "attendance.present").send_keys("5")
        driver.find_element(By.NAME, "content").send_keys("研究供暖季宿舍巡查分工，确定党员责任区。")
        click(driver, driver.find_element(By.CSS_SELECTOR, ".savebar button"))
        wait_for(lambda: "saved=" in driver.current_url)
        assert "没有发现问题" in driver.find_element(By.CSS_SELECTOR, ".summary").text
        assert driver.execute_script("return document.documentElement.scrollWidth") <= 390
        text = (tree / "meetings/2026/logistics-2026-11-21-branch-committee.yaml").read_text("utf-8")
        assert "\nlecturer:\n" in text and "\nreview:\n  excellent:  #" in text  # the folded fields left as they were
        assert "研究供暖季宿舍巡查分工" in text
