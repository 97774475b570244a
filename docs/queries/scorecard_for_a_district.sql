-- For one district and term: each target, where it started (baseline), where it is now
-- (the latest result within its period), and its status.
select
    districts.name_vi as district,
    scorecard.term_code,
    scorecard.target_scope,
    coalesce(scorecard.indicator_name_en, scorecard.indicator_code) as indicator,
    scorecard.baseline_surface as baseline_as_written,
    scorecard.baseline_year,
    scorecard.result_surface as result_as_written,
    scorecard.result_value,
    scorecard.result_year,
    scorecard.surface as target_as_written,
    scorecard.target_qualifier,
    scorecard.target_value,
    scorecard.target_value_max,
    scorecard.target_year,
    scorecard.progress,
    scorecard.status,
from main_marts.mart_scorecard as scorecard
inner join main_marts.dim_district as districts using (district_code)
where districts.name_ascii = 'Bac Tu Liem'
    and scorecard.term_code = '2020_2025'
order by indicator
