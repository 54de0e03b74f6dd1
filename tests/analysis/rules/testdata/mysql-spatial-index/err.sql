ALTER TABLE places ADD SPATIAL INDEX places_location_sp (location);
