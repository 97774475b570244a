-- Quality over time: how each run's checks went.
select
    run_id,
    min(validated_at) as validated_at,
    count(*) as expectations,
    count(*) filter (where is_success) as passed,
    count(*) filter (where not is_success and severity = 'blocking') as blocking_failed,
    count(*) filter (where not is_success and severity = 'finding') as findings,
from quality.validation_results
group by run_id
order by validated_at desc
