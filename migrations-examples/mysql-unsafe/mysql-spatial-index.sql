-- Hazard mysql-spatial-index: adding a SPATIAL index blocks writes (LOCK=SHARED) for the whole build.
ALTER TABLE places ADD SPATIAL INDEX places_location_sp (location);
