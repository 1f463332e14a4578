-- The inbox showed the raw error of the last webhook attempt (exception text, host and port of what was
-- tried): a scanner of the platform's network. It now shows a category only; the old texts are mapped.
alter table webhook_delivery add column last_category varchar(30);
update webhook_delivery set last_category = case
    when status = 'DELIVERED' then 'DELIVERED'
    when last_error is null then null
    when last_error like 'HTTP 3%' then 'HTTP_3XX'
    when last_error like 'HTTP 4%' then 'HTTP_4XX'
    when last_error like 'HTTP 5%' then 'HTTP_5XX'
    when last_error like 'no webhook%' then 'NO_WEBHOOK'
    when lower(last_error) like '%timeout%' or lower(last_error) like '%timed out%' then 'TIMEOUT'
    else 'UNREACHABLE' end;
alter table webhook_delivery drop column last_error;
