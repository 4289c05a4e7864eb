/**
 * The shop itself, as every other module needs to know it: who it is to its customers
 * ({@link dev.zaiko.shop.ShopProperties}: name, phone, sender address, the base URL of customers'
 * links, {@code zaiko.shop.*}), which days it works and when it may call
 * ({@link dev.zaiko.shop.ShopCalendar}: weekly calling hours, Japanese national holidays from
 * {@code NationalHolidays} and {@code shop/holidays-jp.csv}, closed days; staff change it through
 * {@link dev.zaiko.shop.EditingCalendar} and {@code /api/contact/calendar}), how dates read
 * to a customer ({@link dev.zaiko.shop.CustomerDates}), and what every page a customer opens
 * through a signed link shares ({@link dev.zaiko.shop.CustomerFacing} with
 * {@code templates/customer/layout.html}: language, the shop's name and contact line, dates,
 * headers), used by the order status page ({@code /o/}, web) and the decision page ({@code /c/},
 * contact). Modules that count business days (stockout
 * deadlines and options, refund dates, the contact desk's callbacks) depend down on
 * {@link dev.zaiko.shop.BusinessDays}, which {@code ShopCalendar} implements.
 * <p>
 * Low in the stack: depends on platform only, so that stockout, refund, contact, mail, order,
 * access and web may all use it. Owns the {@code shop_*} tables: {@code shop_calling_hours},
 * {@code shop_closed_days} and {@code shop_settings_version} (the calendar's version number that
 * tells other nodes to reload). They were {@code contact_calling_hours}, {@code contact_closed_days}
 * and a row of {@code contact_settings_version} while the calendar lived in contact; migration
 * V40 renamed them (a rename keeps every row and needs no copy) and gave the calendar its own
 * version table, so that no table is written by two modules.
 * <p>
 * Kept as they were for operators and clients: the configuration prefixes {@code zaiko.shop.*} and
 * {@code zaiko.contact.calendar.*} (the calendar's keys did not move with the code, so existing
 * configurations keep working; renaming them would need the old keys kept as aliases), the URLs
 * under {@code /api/contact/calendar}, and the message keys {@code contact.calendar.*}.
 */
@dev.zaiko.platform.ApiTag("The shop itself: its identity (name, phone, addresses, base URL) and its calendar: business "
        + "days, national holidays, closed days and calling hours per weekday.")
@org.springframework.modulith.ApplicationModule(allowedDependencies = "platform")
package dev.zaiko.shop;
