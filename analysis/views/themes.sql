-- themes: the theme taxonomy in force (ids of themes.md).
CREATE OR REPLACE VIEW themes AS
SELECT theme, name, description
FROM store.themes;
